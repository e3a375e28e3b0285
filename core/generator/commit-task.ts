/**
 * The commit task every generator of this package gives Yeoman (its customCommitTask) in place of the
 * environment's: every file of the run written, or none (core/commit.ts).
 */
import type Generator from 'yeoman-generator';
import { commitAllOrNothing, type CommitContext } from '../commit.js';
import { conflicterOptions, ioAdapter, sharedFs } from '../yeoman.js';
import { canAsk, type ConnectorOptions } from './options.js';

/**
 * The commit that replaces the environment's: all or nothing (core/commit.ts). The generator and
 * the host's part are reached through functions, since the task is made before the generator is.
 */
export function allOrNothingCommit(
  generatorOf: () => Generator<Record<string, unknown>, ConnectorOptions>,
  host?: () => Pick<CommitContext, 'refresh' | 'lifecycle' | 'onMarkers'>,
): () => Promise<void> {
  return async () => {
    const generator = generatorOf();
    const { options } = generator;
    const environmentOptions = conflicterOptions(generator);
    await commitAllOrNothing({
      sharedFs: sharedFs(generator),
      adapter: ioAdapter(generator),
      conflicterOptions: environmentOptions,
      // messages name paths as the user's shell sees them, like Yeoman's own lines
      root: generator.env.logCwd ?? generator.destinationRoot(),
      destinationRoot: generator.destinationRoot(),
      writeConflictMarkers: Boolean(options.writeConflictMarkers),
      canAsk: canAsk(options),
      force: Boolean(options.force || environmentOptions.force),
      dryRun: Boolean(options.dryRun || environmentOptions.dryRun),
      ...host?.(),
    });
  };
}
