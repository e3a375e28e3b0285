/** Before the phases: the three-way merge (core/merge.ts) settles every file it can, and hands back the conflicts. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { clearFileState, isFileStateDeleted } from 'mem-fs-editor/state';
import { defined } from '../invariant.js';
import { mergeOutcome, type MergeStatus } from '../merge.js';
import type { PendingFile } from './context.js';
import { HOLDS_EDITS, setStatus } from './status.js';

/** Yeoman's own files (.yo-rc.json and the like): forced by Yeoman, never a conflict. */
const isYeomanFile = (file: string): boolean => /(^|[\\/])\.yo-(rc|rc-global|resolve)(\.json)?$/.test(file);

/** A file that would replace different content, and why it could not be settled without asking. */
export interface Conflict {
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
export function classify(pending: PendingFile[], root: string, force: boolean, absent: Set<string>) {
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
      create: () => {
        setStatus(file, 'create');
      },
      identical: () => {
        setStatus(file, 'identical');
      },
      update: () => {
        setStatus(file, 'update');
      },
      merge: () => {
        file.contents = defined(outcome.contents, 'a clean merge comes with its contents (mergeOutcome)');
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
