/**
 * What a user does after a run, in order, as one list per host and release:
 * the run's closing lines and the brief's "Next steps" render the same list,
 * so the two cannot drift apart.
 */
import { codeBlock } from './text.js';

export interface NextStep {
  /** what the step does, plain text (the terminal prints it as it is) */
  title: string;
  /** the command line, run from the checkout root: one line in the terminal, continued lines (` \`) in the brief */
  command: string[];
  /** more for the brief's reader (Markdown): what to do first, what the command shows */
  note?: string;
}

export interface NextSteps {
  /** how the commands run beside "from the checkout root", e.g. "with the ingestion environment active" */
  setting: string;
  steps: NextStep[];
}

/** What the run did that changes the list: a step it already did is left out of its closing lines. */
export interface RunDone {
  /** --generate-models wrote the models of this run's schemas */
  modelsGenerated?: boolean;
}

/** One line of a command, as a terminal user pastes it. */
export const commandLine = (step: NextStep): string => step.command.join(' ');

/**
 * The run's closing lines: read the brief, then the numbered steps with their commands. `root` is the
 * checkout root as the user's shell sees it, or undefined outside a checkout (the files still need one).
 */
export function nextStepsText(brief: string, root: string | undefined, next: NextSteps): string {
  const where =
    root === undefined
      ? 'from the root of a checkout that holds these files'
      : root === '.'
        ? 'from this folder (the checkout root)'
        : `from the checkout root (${root})`;
  return [
    `Next: read ${brief} and do its TODOs. Then, ${where}, ${next.setting}:`,
    ...next.steps.map((step, i) => `  ${i + 1}. ${step.title}: ${commandLine(step)}`),
  ].join('\n');
}

/** The brief's "Next steps": a numbered entry per step, its note, and its command as a block to paste. */
export function nextStepsMarkdown(next: NextSteps): string {
  return next.steps
    .map((step, i) => {
      const lead = `${i + 1}. ${step.title}.${step.note ? ` ${step.note}` : ''}`;
      return `${lead}\n\n${codeBlock(step.command.join(' \\\n  '), 'bash')}`;
    })
    .join('\n\n');
}
