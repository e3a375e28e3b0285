/** What every section of the brief reads, computed once per profile. */
import path from 'node:path';
import { plannedPath } from '../../../../core/file-plan.js';
import type { OpenMetadataProfile } from '../../profile/spec.js';
import { codeSpan as code } from '../../../../core/text.js';
import type { AbstractMethod, BaseClass } from '../../facts/index.js';
import { FILES, openMetadataPlan } from '../../plan.js';
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
  const plan = openMetadataPlan(profile);
  const file = (id: string): string => plannedPath(plan, id);
  return {
    ...profileContext(profile),
    py,
    paths: {
      folder: path.posix.dirname(file(FILES.brief)),
      schemaFile: file(FILES.connectionSchema),
      testConnectionFile: file(FILES.testConnection),
      unitTest: file(FILES.unitTest),
      integrationFolder: `${path.posix.dirname(file(FILES.integrationFixtures))}/`,
      connectionTest: file(FILES.connectionTest),
    },
  };
}

/** Inline code in Markdown (for generator-made names and paths, never free text). */
export { code };

/** How a stub reads in the brief: `name(params) -> returns`. */
export const methodSignature = (m: AbstractMethod): string => `${m.name}(${['self', ...m.params].join(', ')}) -> ${m.returns}`;

/** One line per abstract method of the base class: signature and what to do (the generator's own text, from the release's facts). */
export const abstractMethodLines = (base: BaseClass): string[] => base.abstractMethods.map((m) => `${code(methodSignature(m))}: ${m.todo}`);
