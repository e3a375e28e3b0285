/**
 * Rendering into mem-fs: a planned file from its template, and the brief from the run's state. The
 * commit writes what they render with the rest of the run's files, or nothing.
 */
import type Generator from 'yeoman-generator';
import { briefRunValues, type BriefRun } from '../brief.js';
import { BRIEF, plannedFile, type PlannedFile } from '../file-plan.js';
import type { HostDefinition, HostProfile } from '../host.js';
import { changedSinceGenerated } from '../merge.js';
import { forcedRun, type ConnectorOptions } from './options.js';

/** One planned file rendered into mem-fs from its template under the generator's templates folder. */
export function renderPlannedFile(generator: Generator<Record<string, unknown>, ConnectorOptions>, file: PlannedFile, data: Record<string, unknown>): void {
  generator.fs.copyTpl(generator.templatePath(file.template), generator.destinationPath(file.destination), { ...data, ...file.data }, undefined, {
    noGlob: true,
  });
}

/**
 * The brief, rendered with the run's state: what the plan holds and the user changed, what is registered
 * and left to do. The host generators render it last in their run; connector:context-doc renders it alone.
 */
export function renderBrief<P extends HostProfile>(
  generator: Generator<Record<string, unknown>, ConnectorOptions>,
  host: HostDefinition<P>,
  profile: P,
  run: Omit<BriefRun, 'changedByUser' | 'changes'> & { changes: BriefRun['changes'] | undefined; data: Record<string, unknown> },
): void {
  const brief = plannedFile(run.plan, BRIEF);
  if (!brief) throw new Error(`The ${host.label} plan has no brief`);
  const root = generator.destinationRoot();
  // with --force every file is replaced by what this run generates: none keeps the user's changes
  const changedByUser = (file: string): boolean => !forcedRun(generator) && changedSinceGenerated(root, file);
  const changes = run.changes ?? { absent: [], delete: [], obsolete: [] };
  const values = { ...host.briefValues(profile), ...briefRunValues(profile, { ...run, changes, changedByUser }) };
  renderPlannedFile(generator, brief, { ...run.data, brief: values });
}
