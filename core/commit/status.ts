/**
 * What becomes of each file, and how it is said: the conflicter's status a file is given, the status
 * lines the merge adds to Yeoman's (`update`, `merge`, `keep`, ...) and the words the dry run's plan shares.
 */
import type { ConflicterFile } from '@yeoman/conflicter';
import type { MergeStatus } from '../merge.js';
import type { CommitContext, PendingFile } from './context.js';

/** The environment's adapter, as the commit is given it. */
type InputOutputAdapter = CommitContext['adapter'];

/** Why a file holding conflict markers was left as it is (the run's status line and the dry run's plan). */
export const STILL_MARKED = '(holds conflict markers: left as it is until you resolve them)';

/** Why --force's line for a file the user had changed says more than `force` (the run's status line and the dry run's plan). */
export const DISCARDS_EDITS = '(discards your edits)';

/** What the merge says of a file the user changed since it was generated: --force discards those edits. */
export const HOLDS_EDITS: ReadonlySet<MergeStatus> = new Set(['keep', 'merge', 'conflict', 'markers']);

/** The conflicter knows create, identical, force and skip; update, merge, delete and forceEdits are committed like force and logged by name. */
export const setStatus = (file: PendingFile, status: MergeStatus | 'force' | 'forceEdits' | 'skip' | 'delete'): void => {
  file.conflicter = status as ConflicterFile['conflicter'];
};

/** The lines that end a run which left files holding conflict markers: which, and what to do. */
export function markersReport(files: string[]): string | undefined {
  if (files.length === 0) return undefined;
  return (
    `${files.length} file(s) hold conflict markers: resolve each (keep what you want between <<<<<<< and >>>>>>>, delete the marker lines); ` +
    `until then every run leaves them as they are and reports them:\n${files.map((f) => `  ${f}`).join('\n')}`
  );
}

/** Yeoman's status line (`   create path`) for the statuses a merge adds. */
export function statusLine(adapter: InputOutputAdapter, status: string, relative: string): void {
  adapter.log.write(`${status.padStart(9)} ${relative}\n`);
}

/** The adapter with log methods for update and merge, so the conflicter reports them as it writes. */
export function withMergeStatuses(adapter: InputOutputAdapter): InputOutputAdapter {
  const extra: Record<string, (relative: string) => void> = {
    update: (relative) => {
      statusLine(adapter, 'update', relative);
    },
    // --force replacing a file the user changed: Yeoman's `force`, saying what is lost
    forceEdits: (relative) => {
      statusLine(adapter, 'force', `${relative} ${DISCARDS_EDITS}`);
    },
    delete: (relative) => {
      statusLine(adapter, 'delete', relative);
    },
    merge: (relative) => {
      statusLine(adapter, 'merge', relative);
    },
  };
  const log = new Proxy(adapter.log, { get: (target, key, receiver): unknown => (typeof key === 'string' && extra[key]) || Reflect.get(target, key, receiver) });
  return new Proxy(adapter, { get: (target, key, receiver): unknown => (key === 'log' ? log : Reflect.get(target, key, receiver)) });
}
