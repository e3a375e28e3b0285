/** How a commit fails (core/commit.ts): each error says what happened, that nothing was written, and what to do. */

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
