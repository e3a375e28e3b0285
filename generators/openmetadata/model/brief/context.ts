/** What every section of the brief reads, computed once per profile. */
import { testModuleName } from '../../../../core/profile/names.js';
import type { OpenMetadataProfile } from '../../../../core/profile/openmetadata.js';
import { codeSpan as code } from '../../../../core/text.js';
import type { AbstractMethod, BaseClass } from '../../facts/index.js';
import { unitTestFile } from '../../plan.js';
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
  const { ingestionSource, specServices, testConnections } = shared.release.paths;
  const { serviceType } = profile;
  const testModule = testModuleName(names.testName);
  return {
    ...shared,
    py,
    paths: {
      folder: `${ingestionSource}/${serviceType}/${names.packageName}`,
      schemaFile: `${specServices}/connections/${serviceType}/${names.stem}Connection.json`,
      testConnectionFile: `${testConnections}/${serviceType}/${names.stem}.json`,
      unitTest: unitTestFile(profile),
      integrationFolder: `ingestion/tests/integration/${names.testName}/`,
      connectionTest: `ingestion/tests/integration/connections/${testModule}_connection.py`,
    },
  };
}

/** Inline code in Markdown (for generator-made names and paths, never free text). */
export { code };

/** How a stub reads in the brief: `name(params) -> returns`. */
export const methodSignature = (m: AbstractMethod): string => `${m.name}(${['self', ...m.params].join(', ')}) -> ${m.returns}`;

/** One line per abstract method of the base class: signature and what to do (the generator's own text, from the release's facts). */
export const abstractMethodLines = (base: BaseClass): string[] => base.abstractMethods.map((m) => `${code(methodSignature(m))}: ${m.todo}`);
