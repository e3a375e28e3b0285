/** What every section of the brief reads, computed once per profile. */
import { testModuleName } from '../../../../core/profile/names.js';
import type { OpenMetadataProfile } from '../../../../core/profile/openmetadata.js';
import { codeSpan as code } from '../../../../core/text.js';
import { INGESTION_SOURCE, SPEC_SERVICES, TEST_CONNECTIONS, type AbstractMethod, type BaseClass } from '../../facts.js';
import { profileContext, type ProfileContext } from '../context.js';
import type { PythonData } from '../python-files/index.js';

export interface BriefContext extends ProfileContext {
  /** the Python values, for the names the brief quotes (constants, classes, environment variables) */
  py: PythonData;
  /** generated files and folders, from the checkout root */
  paths: {
    folder: string;
    schemaFile: string;
    testConnectionFile: string;
    unitTest: string;
    integrationFolder: string;
    connectionTest: string;
  };
}

export function briefContext(profile: OpenMetadataProfile, py: PythonData): BriefContext {
  const shared = profileContext(profile);
  const { names } = shared;
  const { serviceType, name } = profile;
  return {
    ...shared,
    py,
    paths: {
      folder: `${INGESTION_SOURCE}/${serviceType}/${names.packageName}`,
      schemaFile: `${SPEC_SERVICES}/connections/${serviceType}/${names.stem}Connection.json`,
      testConnectionFile: `${TEST_CONNECTIONS}/${serviceType}/${names.stem}.json`,
      unitTest: `ingestion/tests/unit/topology/${serviceType}/${testModuleName(name)}.py`,
      integrationFolder: `ingestion/tests/integration/${name}/`,
      connectionTest: `ingestion/tests/integration/connections/${testModuleName(name)}_connection.py`,
    },
  };
}

/** Inline code in Markdown (for generator-made names and paths, never free text). */
export { code };

/** How a stub reads in the brief: `name(params) -> returns`. */
export const methodSignature = (m: AbstractMethod): string => `${m.name}(${['self', ...m.params].join(', ')}) -> ${m.returns}`;

/** One line per abstract method of the base class: signature and what to do (the generator's own text, from facts.ts). */
export const abstractMethodLines = (base: BaseClass): string[] => base.abstractMethods.map((m) => `${code(methodSignature(m))}: ${m.todo}`);
