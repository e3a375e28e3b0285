/**
 * The commit of a run, all or nothing: commitAllOrNothing (core/commit/all-or-nothing.ts) and its
 * phases in core/commit/ (settle, check, decide, write, records). This module names, from the
 * modules that define them, what the generators import.
 */
export { commitAllOrNothing } from './commit/all-or-nothing.js';
export type { CommitContext, SharedFs } from './commit/context.js';
export { reportInterruptAsCancelled } from './commit/errors.js';
export { DISCARDS_EDITS, HOLDS_EDITS, STILL_MARKED, markersReport } from './commit/status.js';
