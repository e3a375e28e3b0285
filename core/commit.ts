/**
 * The commit of a run, all or nothing. It takes the place of the environment's
 * commit (Yeoman's `customCommitTask` feature) and still writes through
 * Yeoman's own pipeline (yo-resolve, the conflicter, mem-fs-editor's commit
 * transform). First the three-way merge settles what it can (core/merge.ts:
 * update, keep, merge); then three phases:
 *
 * 1. check: every pending path can be written (no file where a folder must go,
 *    no folder without write permission), reported all at once;
 * 2. decide: every conflict is settled (force, the conflicter's prompt, or a
 *    ConflictError without a terminal) before anything is written, so an abort
 *    or Ctrl-C at a prompt leaves the disk as it was;
 * 3. write: the pipeline runs with every decision made; if a write still fails,
 *    the files this run changed are put back and the folders it made removed.
 *
 * All of it runs under the checkout's lock (core/checkout-lock.ts), and so does `refresh`: the
 * generator's re-reading of the host files it edits and of `.yo-rc.json`. The lock is taken here,
 * not when the run starts: before the commit a run may sit at prompts for minutes, and every write
 * happens in this function (Yeoman's own files included), so a run holds the lock only while it
 * reads, decides and writes. What it read earlier (to report registration in the brief) may be
 * out of date by then, which is why the shared files are read again once the lock is held.
 */
import { accessSync, constants, existsSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InputOutputAdapter } from '@yeoman/adapter/types';
import { Conflicter, createConflicterTransform, createYoResolveTransform, forceYoFiles, type ConflicterFile, type ConflicterOptions } from '@yeoman/conflicter';
import { createTwoFilesPatch } from 'diff';
import { clearFileState, isFilePending, isFileStateDeleted } from 'mem-fs-editor/state';
import type { MemFsEditorFile } from 'mem-fs-editor';
import { createAtomicCommitTransform } from './atomic-commit.js';
import { withCheckoutLock } from './checkout-lock.js';
import { forgetRecord, mergeOutcome, recordsFolder, writePlan, writeRecord, type MergeStatus, type PlanChanges } from './merge.js';

type PendingFile = ConflicterFile & MemFsEditorFile;

export interface SharedFs {
  all(): PendingFile[];
  pipeline(options: { filter: (file: PendingFile) => boolean }, ...transforms: unknown[]): Promise<void>;
}

export interface CommitContext {
  sharedFs: SharedFs;
  adapter: InputOutputAdapter;
  conflicterOptions: ConflicterOptions;
  /** the folder paths in messages are relative to: where the user ran the command */
  root: string;
  /** the destination root: the checkout, where records of what was generated are keyed */
  destinationRoot: string;
  /** without a terminal, write a conflicting merge with its conflict markers instead of failing */
  writeConflictMarkers: boolean;
  canAsk: boolean;
  force: boolean;
  dryRun: boolean;
  /**
   * Called with the lock held, before anything is decided: puts in mem-fs the edits of files other
   * runs may have changed meanwhile (registration in host files, `.yo-rc.json`), computed from disk now.
   */
  refresh?: () => void;
  /** a host generator's run: its connector, the files it plans (relative), and what becomes of the others (core/merge.ts) */
  lifecycle?: { connector: string; planned: string[]; changes: PlanChanges };
  /**
   * Told, after the write, the files (absolute) that hold conflict markers now: merges written with
   * them in this run (`m`, --write-conflict-markers) and files still holding an earlier run's. The
   * generator lists them at the end of the run (markersReport).
   */
  onMarkers?: (files: string[]) => void;
}

/** Yeoman's own files (.yo-rc.json and the like): forced by Yeoman, never a conflict. */
const isYeomanFile = (file: string): boolean => /(^|[\\/])\.yo-(rc|rc-global|resolve)(\.json)?$/.test(file);

/**
 * A run that would overwrite files and cannot ask (no terminal, no --force). The ways out are named
 * safest first: a terminal (file by file, `d` shows the differences) and --write-conflict-markers
 * keep the user's edits; --force comes last, saying that it loses them. `mergeable`: some of the
 * files merged with conflicts, so --write-conflict-markers can write them.
 */
export class ConflictError extends Error {
  constructor(
    readonly files: string[],
    mergeable = false,
  ) {
    const markers = mergeable ? ', or re-run with --write-conflict-markers to write each merge with its conflict markers for you to resolve' : '';
    super(
      `${files.length} existing file(s) would be overwritten and there is no terminal to ask:\n` +
        files.map((f) => `  ${f}`).join('\n') +
        `\nNothing was written. Run it in a terminal to decide file by file${markers}. ` +
        '--force replaces these files with what this run generates, and your edits in them are lost.',
    );
    this.name = 'ConflictError';
  }
}

/** The lines that end a run which left files holding conflict markers: which, and what to do. */
export function markersReport(files: string[]): string | undefined {
  if (files.length === 0) return undefined;
  return (
    `${files.length} file(s) hold conflict markers: resolve each (keep what you want between <<<<<<< and >>>>>>>, delete the marker lines); ` +
    `until then every run leaves them as they are and reports them:\n${files.map((f) => `  ${f}`).join('\n')}`
  );
}

/** The run stopped at the user's request (abort at a conflict, Ctrl-C at a prompt) before anything was written. */
export class CancelledError extends Error {
  /** the exit status of a run stopped by Ctrl-C; yo exits with an error's `code` (the bin sets it itself) */
  readonly code = 130;

  constructor(reason?: string) {
    super(reason ? `${reason}. Cancelled; nothing was written.` : 'Cancelled; nothing was written.');
    this.name = 'CancelledError';
  }
}

/**
 * Ctrl-C at a prompt: inquirer's error aborts the environment's adapter, and the run is rejected with
 * that very error, whatever the generator does with it (yo prints its message, "User force closed the
 * prompt with SIGINT", and exits 1). As the adapter aborts, before anyone reports it, the error takes
 * the words of a cancelled run and the exit status yo reads from an error's `code`.
 */
export function reportInterruptAsCancelled(signal: AbortSignal | undefined): void {
  signal?.addEventListener(
    'abort',
    () => {
      const reason: unknown = signal.reason;
      if (reason instanceof Error && (reason.name === 'ExitPromptError' || reason.name === 'AbortPromptError')) {
        Object.assign(reason, { message: new CancelledError().message, code: new CancelledError().code });
      }
    },
    { once: true },
  );
}

/** Paths this run cannot write, found before the first write, or a write that failed and was rolled back. */
export class WriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteError';
  }
}

export async function commitAllOrNothing(ctx: CommitContext): Promise<void> {
  // The plan was printed by the generator; a dry run writes nothing, not even Yeoman's own files.
  if (ctx.dryRun) return;
  await withCheckoutLock(ctx.destinationRoot, ctx.adapter.log, async () => {
    ctx.refresh?.();
    await commitLocked(ctx);
  }, (ctx.adapter as { signal?: AbortSignal }).signal);
}

async function commitLocked(ctx: CommitContext): Promise<void> {
  const force = ctx.force || Boolean(ctx.conflicterOptions.force);
  const absent = new Set(ctx.lifecycle?.changes.absent.map((file) => path.join(ctx.destinationRoot, file)));
  const { conflicts, generated, kept, unresolved } = classify(ctx.sharedFs.all().filter((file) => isFilePending(file)), ctx.destinationRoot, force, absent);
  const pending = ctx.sharedFs.all().filter((file) => isFilePending(file));
  const obsolete = ctx.lifecycle?.changes.obsolete ?? [];
  if (pending.length === 0 && kept.length === 0 && unresolved.length === 0 && absent.size === 0 && obsolete.length === 0) return;
  checkWritable(pending.filter((file) => file.conflicter !== 'identical'), ctx.root);
  const withMarkers = await decide(conflicts, ctx);
  const undo = snapshot(pending.filter((file) => file.conflicter !== 'skip' && file.conflicter !== 'identical'));
  try {
    await ctx.sharedFs.pipeline(
      { filter: (file) => isFilePending(file) || file.path.endsWith('.yo-resolve') },
      createYoResolveTransform(),
      forceYoFiles(),
      createConflicterTransform(withMergeStatuses(ctx.adapter), ctx.conflicterOptions),
      createAtomicCommitTransform(),
    );
  } catch (error) {
    const restored = undo();
    throw new WriteError(
      `Could not write: ${describeFailure(error, ctx.root)}.\n` +
        `The ${restored} file(s) this run had written were restored; the folder is as it was before the run. ` +
        'Fix the cause and run again.',
    );
  }
  for (const file of kept) statusLine(ctx.adapter, 'keep', path.relative(ctx.root, file));
  for (const file of unresolved) statusLine(ctx.adapter, 'conflict', `${path.relative(ctx.root, file)} ${STILL_MARKED}`);
  for (const file of absent) statusLine(ctx.adapter, 'absent', `${path.relative(ctx.root, file)} (you deleted it; --force re-creates it)`);
  for (const file of obsolete) {
    statusLine(ctx.adapter, 'obsolete', `${path.relative(ctx.root, path.join(ctx.destinationRoot, file))} (no longer generated; kept because you changed it)`);
  }
  recordGenerated(ctx, generated);
  ctx.onMarkers?.([...withMarkers, ...unresolved]);
}

/** Why a file holding conflict markers was left as it is (the run's status line and the dry run's plan). */
export const STILL_MARKED = '(holds conflict markers: left as it is until you resolve them)';

/** Why --force's line for a file the user had changed says more than `force` (the run's status line and the dry run's plan). */
export const DISCARDS_EDITS = '(discards your edits)';

/** What the generator produced this run is the base of the next run's merge; failing to keep it never fails the run. */
function recordGenerated(ctx: CommitContext, generated: Map<string, Buffer>): void {
  try {
    for (const [file, contents] of generated) writeRecord(ctx.destinationRoot, path.relative(ctx.destinationRoot, file), contents);
    if (ctx.lifecycle) {
      for (const file of ctx.lifecycle.changes.delete) forgetRecord(ctx.destinationRoot, file);
      // obsolete files stay in the plan, so every run reports them until the user removes them
      writePlan(ctx.destinationRoot, ctx.lifecycle.connector, [...ctx.lifecycle.planned, ...ctx.lifecycle.changes.obsolete]);
    }
  } catch (error) {
    const { where } = recordsFolder(ctx.destinationRoot);
    ctx.adapter.log.info(
      `Could not record what this run generated in ${where}: ${(error as Error).message.split('\n')[0]}. ` +
        'The files were written; a later run will treat edits to them as conflicts instead of merging.',
    );
  }
}

/** Yeoman's status line (`   create path`) for the statuses a merge adds. */
function statusLine(adapter: InputOutputAdapter, status: string, relative: string): void {
  adapter.log.write(`${status.padStart(9)} ${relative}\n`);
}

/** The adapter with log methods for update and merge, so the conflicter reports them as it writes. */
function withMergeStatuses(adapter: InputOutputAdapter): InputOutputAdapter {
  const extra: Record<string, (relative: string) => void> = {
    update: (relative) => statusLine(adapter, 'update', relative),
    // --force replacing a file the user changed: Yeoman's `force`, saying what is lost
    forceEdits: (relative) => statusLine(adapter, 'force', `${relative} ${DISCARDS_EDITS}`),
    delete: (relative) => statusLine(adapter, 'delete', relative),
    merge: (relative) => statusLine(adapter, 'merge', relative),
  };
  const log = new Proxy(adapter.log, { get: (target, key, receiver) => (typeof key === 'string' && extra[key]) || Reflect.get(target, key, receiver) });
  return new Proxy(adapter, { get: (target, key, receiver) => (key === 'log' ? log : Reflect.get(target, key, receiver)) });
}

// ---------------------------------------------------------------------------------------------
// 1. check

function checkWritable(pending: PendingFile[], root: string): void {
  const problems = [...new Set(pending.map((file) => writeProblem(file.path, root)).filter((p): p is string => p !== undefined))];
  if (problems.length === 0) return;
  throw new WriteError(
    `${problems.length} path(s) cannot be written:\n${problems.map((p) => `  ${p}`).join('\n')}\n` +
      'Nothing was written. Make the folders writable (or move what is in the way) and run again.',
  );
}

function writeProblem(file: string, root: string): string | undefined {
  const shown = (p: string): string => path.relative(root, p) || '.';
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) return `${shown(file)}: a folder is where this file must go`;
    return canWrite(file) ? undefined : `${shown(file)}: the file is read-only`;
  }
  let folder = path.dirname(file);
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  if (!statSync(folder).isDirectory()) return `${shown(folder)}: a file is where a folder must go (for ${shown(file)})`;
  return canWrite(folder) ? undefined : `${shown(folder)}: no permission to write in this folder (for ${shown(file)})`;
}

function canWrite(target: string): boolean {
  try {
    accessSync(target, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// 2. decide

/** A file that would replace different content, and why it could not be settled without asking. */
interface Conflict {
  file: PendingFile;
  status: 'conflict' | 'change';
  /** the merge with conflict markers (status conflict) */
  merged?: Buffer;
}

/**
 * Settles every file the three-way merge can (core/merge.ts): new, identical, untouched by the user
 * (update), unchanged by the generator (keep), merged cleanly (merge), still holding conflict
 * markers (left alone). Returns the rest, what this run generated (the next run's base), the files
 * kept as the user has them and the ones left holding markers.
 */
function classify(pending: PendingFile[], root: string, force: boolean, absent: Set<string>) {
  const conflicts: Conflict[] = [];
  const generated = new Map<string, Buffer>();
  const kept: string[] = [];
  const unresolved: string[] = [];
  for (const file of pending) {
    // no longer planned and as generated: the generator deleted it in mem-fs, the commit removes it
    if (isFileStateDeleted(file)) {
      setStatus(file, 'delete');
      continue;
    }
    // the user deleted it: it stays deleted, and the record stays (so it stays deleted next time too)
    if (absent.has(file.path)) {
      clearFileState(file);
      continue;
    }
    if (isYeomanFile(file.path)) {
      // forced by Yeoman; left out when it would not change, so an identical re-run neither rewrites nor reports it
      if (existsSync(file.path) && readFileSync(file.path).equals(file.contents ?? Buffer.alloc(0))) clearFileState(file);
      continue;
    }
    if (file.conflicter) continue; // registration edits: forced, additive and idempotent, never merged
    const contents = file.contents ?? Buffer.alloc(0);
    generated.set(file.path, contents);
    const outcome = mergeOutcome(root, path.relative(root, file.path), contents);
    // --force: what this run generates replaces every file that differs, edits or not (Yeoman's meaning);
    // the line of a file holding the user's edits says they are discarded
    if (force && outcome.status !== 'create' && outcome.status !== 'identical') {
      setStatus(file, HOLDS_EDITS.has(outcome.status) ? 'forceEdits' : 'force');
      continue;
    }
    const settled: Partial<Record<MergeStatus, () => void>> = {
      create: () => setStatus(file, 'create'),
      identical: () => setStatus(file, 'identical'),
      update: () => setStatus(file, 'update'),
      merge: () => {
        file.contents = outcome.contents!;
        setStatus(file, 'merge');
      },
      keep: () => {
        clearFileState(file);
        kept.push(file.path);
      },
      // not written, and its base not moved on: the changes of this run are still to merge once it is resolved
      markers: () => {
        clearFileState(file);
        generated.delete(file.path);
        unresolved.push(file.path);
      },
    };
    const settle = settled[outcome.status];
    if (settle) settle();
    else conflicts.push({ file, status: outcome.status as Conflict['status'], merged: outcome.contents && outcome.status === 'conflict' ? outcome.contents : undefined });
  }
  return { conflicts, generated, kept, unresolved };
}

/** What the merge says of a file the user changed since it was generated: --force discards those edits. */
export const HOLDS_EDITS: ReadonlySet<MergeStatus> = new Set(['keep', 'merge', 'conflict', 'markers']);

/** The conflicter knows create, identical, force and skip; update, merge, delete and forceEdits are committed like force and logged by name. */
const setStatus = (file: PendingFile, status: MergeStatus | 'force' | 'forceEdits' | 'skip' | 'delete'): void => {
  file.conflicter = status as ConflicterFile['conflicter'];
};

/**
 * Settles every conflict before anything is written: force, the conflicter's prompt, or an error
 * without a terminal. Returns the files (absolute) that will be written with conflict markers.
 */
async function decide(conflicts: Conflict[], ctx: CommitContext): Promise<string[]> {
  if (conflicts.length === 0) return [];
  if (ctx.force || ctx.conflicterOptions.force) {
    for (const { file, status } of conflicts) setStatus(file, status === 'conflict' ? 'forceEdits' : 'force');
    return [];
  }
  if (!ctx.canAsk) {
    const withMarkers = ctx.writeConflictMarkers ? conflicts.filter((c) => c.merged) : [];
    for (const { file, merged } of withMarkers) {
      file.contents = merged!;
      setStatus(file, 'force');
    }
    const left = conflicts.filter((c) => !withMarkers.includes(c));
    if (left.length > 0) {
      throw new ConflictError(
        left.map((c) => `${path.relative(ctx.root, c.file.path)}  (${WHY[c.status]})`),
        left.some((c) => c.merged),
      );
    }
    return withMarkers.map((c) => c.file.path);
  }
  const withMarkers: string[] = [];
  for (const conflict of conflicts) {
    const relative = path.relative(ctx.root, conflict.file.path);
    if (conflict.status === 'change') ctx.adapter.log.info(`${relative}: ${WHY.change}`);
    let markersChosen = false;
    const conflicter = new Conflicter(ctx.adapter, {
      ...ctx.conflicterOptions,
      cwd: ctx.root,
      customizeActions: (actions) => withMergeChoice(withUnifiedDiff(actions), conflict.merged, () => (markersChosen = true)),
    });
    try {
      const decided = await conflicter.checkForCollision(conflict.file);
      // 'diff' and 'ignore' leave the file as it is on disk, like 'skip'
      setStatus(conflict.file, decided.conflicter === 'force' ? 'force' : 'skip');
      if (decided.conflicter === 'force' && markersChosen) withMarkers.push(conflict.file.path);
    } catch (error) {
      throw cancelled(error, relative);
    }
  }
  return withMarkers;
}

const WHY: Record<Conflict['status'], string> = {
  conflict: 'you and this run both changed the same lines; --write-conflict-markers writes the merge with markers',
  change: 'no record of what an earlier run wrote (it predates merge records), so it cannot be merged',
};

type Actions = Parameters<NonNullable<ConflicterOptions['customizeActions']>>[0];

/** A true conflict offers `m`: write the merge, with conventional conflict markers where both sides changed; `chosen` is told. */
const withMergeChoice = (actions: Actions, merged: Buffer | undefined, chosen: () => void): Actions =>
  merged
    ? [
        {
          key: 'm',
          name: 'write the merge, with conflict markers where you and this run changed the same lines',
          value: ({ file }) => {
            file.contents = merged;
            chosen();
            return 'write';
          },
        },
        ...actions,
      ]
    : actions;

/** The conflict prompt's `d` shows a unified diff with three lines of context, not the whole file. */
const withUnifiedDiff = (actions: Actions): Actions =>
  actions.map((action) =>
    typeof action === 'object' && action !== null && 'value' in action && action.value === 'diff'
      ? {
          ...action,
          value: ({ file, relativeFilePath, adapter }) => {
            const onDisk = readFileSync(file.path, 'utf8');
            const patch = createTwoFilesPatch(relativeFilePath, relativeFilePath, onDisk, file.contents?.toString() ?? '', 'on disk', 'this run', { context: 3 });
            adapter.log.writeln(patch);
            return 'ask';
          },
        }
      : action,
  );

function cancelled(error: unknown, file: string): Error {
  const name = (error as Error | undefined)?.name ?? '';
  const message = (error as Error | undefined)?.message ?? '';
  if (name === 'ExitPromptError' || name === 'AbortPromptError') return new CancelledError(`Interrupted at the conflict for ${file}`);
  if (/aborted by user/i.test(message)) return new CancelledError(`Aborted at the conflict for ${file}`);
  if (/aborted by conflict/i.test(message)) return new CancelledError(`Stopped at the first conflict (${file})`);
  return error as Error;
}

// ---------------------------------------------------------------------------------------------
// 3. write, and undo

interface Before {
  path: string;
  contents: Buffer | null;
  mode: number | null;
}

/** What the files about to be written hold now, and an undo that puts it back; undo returns how many it restored. */
function snapshot(files: PendingFile[]): () => number {
  const before: Before[] = files.map((file) =>
    existsSync(file.path)
      ? { path: file.path, contents: readFileSync(file.path), mode: statSync(file.path).mode }
      : { path: file.path, contents: null, mode: null },
  );
  const newFolders = [...new Set(files.flatMap((file) => missingFolders(file.path)))].sort((a, b) => b.length - a.length);
  return () => {
    let restored = 0;
    // Restoring the user's own bytes is not generator output, so it bypasses mem-fs on purpose.
    for (const entry of before) {
      const now = existsSync(entry.path) ? readFileSync(entry.path) : null;
      if (entry.contents === null) {
        if (now !== null) {
          rmSync(entry.path, { force: true });
          restored += 1;
        }
      } else if (now === null || !now.equals(entry.contents)) {
        writeFileSync(entry.path, entry.contents, { mode: entry.mode ?? undefined });
        restored += 1;
      }
    }
    for (const folder of newFolders) {
      try {
        rmdirSync(folder);
      } catch {
        // not empty (something else wrote there) or already gone: leave it
      }
    }
    return restored;
  };
}

function missingFolders(file: string): string[] {
  const missing: string[] = [];
  for (let folder = path.dirname(file); !existsSync(folder) && path.dirname(folder) !== folder; folder = path.dirname(folder)) {
    missing.push(folder);
  }
  return missing;
}

function describeFailure(error: unknown, root: string): string {
  const { code, path: failedPath, message } = error as NodeJS.ErrnoException;
  if (failedPath) return `${path.relative(root, failedPath)} (${code ?? 'error'}: ${message.split(',')[0]})`;
  return message ?? String(error);
}
