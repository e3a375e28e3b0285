#!/usr/bin/env node
/**
 * `generator-connector <generator> [flags]`: runs a sub-generator through
 * yeoman-environment directly, so it works as root (where `yo` refuses),
 * rejects unknown flags, and exits non-zero on any failure.
 */
import { fileURLToPath } from 'node:url';
import { closest } from '../core/closest.js';
import { splitUnknownFlags, type DeclaredFlag } from '../core/cli-flags.js';
import { HOSTS, hostEntry } from '../generators/hosts.js';
import { lazyGenerator, type GeneratorRegistration } from '../core/yeoman.js';

interface GeneratorEntry {
  what: string;
  /** imported only for a run: a bundle (build/bundle.ts) keeps each import a chunk of its own */
  load: () => Promise<{ default: unknown }>;
}

/** Every generator of the package: one per registered host, then the brief alone and yo's default. */
const GENERATORS: Record<string, GeneratorEntry> = {
  ...Object.fromEntries(HOSTS.map((host) => [host.id, { what: host.what, load: host.generator }])),
  'context-doc': {
    what: 'CONNECTOR_CONTEXT.md again, from the profile stored in .yo-rc.json',
    load: () => import('../generators/context-doc/index.js'),
  },
  app: { what: 'the same as openmetadata (what `yo connector` runs)', load: () => import('../generators/app/index.js') },
};

/**
 * A generator as the environment registers it: under the path where yo finds it (its templates folder
 * is beside it, whichever copy of the class runs), imported only when a run creates it (yeoman-environment
 * calls a stub's createGenerator then), so a run loads only the generators it runs or composes.
 */
const registration = (name: string): GeneratorRegistration => {
  const entry = GENERATORS[name];
  if (!entry) throw new Error(`bin/connector.ts has no generator ${name}`);
  return {
    generator: lazyGenerator(entry.load),
    resolved: fileURLToPath(new URL(`../generators/${name}/index.js`, import.meta.url)),
    namespace: `connector:${name}`,
  };
};

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
    const suggestion = closest(generator, Object.keys(GENERATORS));
    console.error(`Unknown generator '${generator}'${suggestion ? `; did you mean ${suggestion}?` : '.'}\n\n${usage()}`);
    process.exitCode = 1;
    return;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(await curatedHelp(generator));
    return;
  }
  // imported only now: after the colour flags, and not at all for --help or a mistyped generator
  const { addEnvironmentOptions, prepareGeneratorCommand } = await import('yeoman-environment');
  const command = addEnvironmentOptions();
  command.name(`generator-connector ${generator}`);
  await prepareGeneratorCommand({ command, ...registration(generator) });
  const { env } = command;
  if (!env) throw new Error('Internal error: prepareGeneratorCommand gives the command its environment');
  // Every sub-generator is registered, so a run can compose any of them by namespace.
  for (const other of Object.keys(GENERATORS).filter((name) => name !== generator)) {
    const { generator: stub, ...meta } = registration(other);
    env.register(stub, meta);
  }
  // commander stops at the first unknown flag: the generator reports them instead, with every other problem
  const { known, unknown } = splitUnknownFlags(rest, declaredFlags(command.options));
  if (unknown.length > 0) env.sharedOptions.unknownFlags = unknown;
  await command.parseAsync(known, { from: 'user' });
}

/** The flags a command declares, as its options spell them, and help's. */
const declaredFlags = (options: ReadonlyArray<{ long?: string; short?: string; required: boolean }>): DeclaredFlag[] => [
  ...options.flatMap((option) => [option.long, option.short].flatMap((flag) => (flag ? [{ flag, takesValue: option.required }] : []))),
  { flag: '--help', takesValue: false },
  { flag: '-h', takesValue: false },
];

/** A generator's --help from its declarations, without loading Yeoman (core/help.ts). */
async function curatedHelp(generator: string): Promise<string> {
  const { helpText } = await import('../core/help.js');
  const usageLine = `generator-connector ${generator}`;
  if (generator === 'context-doc') {
    const flags = await import('../generators/context-doc/flags.js');
    return helpText(usageLine, flags.CONTEXT_DOC_SUMMARY, flags.contextDocFields, { heading: 'Flags:', runFlags: flags.CONTEXT_DOC_RUN_FLAGS });
  }
  const entry = hostEntry(generator === 'app' ? 'openmetadata' : generator);
  if (!entry) throw new Error(`generators/hosts.ts has no host for the generator ${generator}`);
  const host = await entry.definition();
  return helpText(usageLine, host.summary, host.spec.fields);
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
