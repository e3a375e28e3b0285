/** What a run's commit works on (core/commit.ts): the files in memory, the adapter, and what the run was told. */
import type { InputOutputAdapter } from '@yeoman/adapter/types';
import type { ConflicterFile, ConflicterOptions } from '@yeoman/conflicter';
import type { MemFsEditorFile } from 'mem-fs-editor';
import type { PlanChanges } from '../merge.js';

/** A file of mem-fs as the commit sees it: mem-fs-editor's state, and the conflicter's status once decided. */
export type PendingFile = ConflicterFile & MemFsEditorFile;

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
