#!/usr/bin/env node
/**
 * `generator-connector <generator> [flags]`: runs a sub-generator through
 * yeoman-environment directly, so it works as root (where `yo` refuses),
 * rejects unknown flags, and exits non-zero on any failure.
 */
import { fileURLToPath } from 'node:url';
import type { prepareGeneratorCommand } from 'yeoman-environment';

interface GeneratorEntry {
  what: string;
  /** imported only for a run: a bundle (build/bundle.ts) keeps each import a chunk of its own */
  load: () => Promise<{ default: unknown }>;
}

const GENERATORS: Record<string, GeneratorEntry> = {
  openmetadata: { what: 'a new OpenMetadata connector', load: () => import('../generators/openmetadata/index.js') },
  mage: { what: 'a new Mage AI (mage_integrations) source', load: () => import('../generators/mage/index.js') },
  'context-doc': {
    what: 'CONNECTOR_CONTEXT.md again, from the profile stored in .yo-rc.json',
    load: () => import('../generators/context-doc/index.js'),
  },
  app: { what: 'the same as openmetadata (what `yo connector` runs)', load: () => import('../generators/app/index.js') },
};

type Registration = Required<Pick<Parameters<typeof prepareGeneratorCommand>[0], 'generator' | 'resolved' | 'namespace'>>;

/**
 * A generator as the environment registers it: under the path where yo finds it (its templates folder
 * is beside it, whichever copy of the class runs), imported only when a run creates it (yeoman-environment
 * calls a stub's createGenerator then), so a run loads only the generators it runs or composes.
 */
const registration = (name: string): Registration => ({
  generator: { createGenerator: () => GENERATORS[name]!.load() } as unknown as Registration['generator'],
  resolved: fileURLToPath(new URL(`../generators/${name}/index.js`, import.meta.url)),
  namespace: `connector:${name}`,
});

const usage = (): string =>
  [
    'Usage: generator-connector <generator> [flags]',
    '',
    'Generators:',
    ...Object.entries(GENERATORS).map(([name, { what }]) => `  ${name.padEnd(14)} ${what}`),
    '',
    "Run 'generator-connector <generator> --help' for its flags.",
  ].join('\n');

/**
 * `--no-color` (and `--color`) are read here, before any module that colours output is loaded:
 * chalk decides once, at import, from NO_COLOR and FORCE_COLOR. Without either flag, colour
 * follows the terminal (none when output is piped).
 */
function takeColorFlag(argv: string[]): string[] {
  if (argv.includes('--no-color')) {
    process.env.NO_COLOR = '1';
    process.env.FORCE_COLOR = '0';
  } else if (argv.includes('--color')) {
    process.env.FORCE_COLOR = '1';
  }
  return argv.filter((arg) => arg !== '--no-color' && arg !== '--color');
}

async function main(argv: string[]): Promise<void> {
  const [generator, ...rest] = takeColorFlag(argv);
  if (!generator || generator === '--help' || generator === '-h') {
    console.log(usage());
    return;
  }
  if (!(generator in GENERATORS)) {
    console.error(`Unknown generator '${generator}'.\n\n${usage()}`);
    process.exitCode = 1;
    return;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const { HOSTS } = await import('../generators/hosts.js');
    const host = HOSTS[generator === 'app' ? 'openmetadata' : generator];
    if (host) {
      const { helpText } = await import('../core/help.js');
      console.log(helpText(`generator-connector ${generator}`, host.summary, host.spec.fields));
      return;
    }
  }
  // imported only now: after the colour flags, and not at all for --help or a mistyped generator
  const { addEnvironmentOptions, prepareGeneratorCommand } = await import('yeoman-environment');
  const command = addEnvironmentOptions();
  command.name(`generator-connector ${generator}`);
  await prepareGeneratorCommand({ command, ...registration(generator) });
  // Every sub-generator is registered, so a run can compose any of them by namespace.
  for (const other of Object.keys(GENERATORS).filter((name) => name !== generator)) {
    const { generator: stub, ...meta } = registration(other);
    command.env!.register(stub, meta);
  }
  await command.parseAsync(rest, { from: 'user' });
}

/** Errors of a run the user stopped: Ctrl-C at any prompt (inquirer's), abort at a conflict (ours). */
const CANCELLED = new Set(['CancelledError', 'ExitPromptError', 'AbortPromptError']);

main(process.argv.slice(2)).catch((error: unknown) => {
  const name = error instanceof Error ? error.name : '';
  if (CANCELLED.has(name)) {
    // Prompts come before the commit's first write (core/commit.ts), so a cancelled run wrote nothing.
    console.error(name === 'CancelledError' ? (error as Error).message : 'Cancelled; nothing was written.');
    process.exitCode = 130;
    return;
  }
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
