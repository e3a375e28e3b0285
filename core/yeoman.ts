/**
 * The Yeoman boundary: everything this package reads or sets on a generator and its environment
 * beyond yeoman-generator's typed API, in one module, each with the one cast it needs. The versions
 * it was written against are pinned in package.json (yeoman-generator 8.4.0, yeoman-environment
 * 6.3.0, mem-fs-editor 12.0.9, @yeoman/conflicter 4.2.0); test/core/yeoman.test.ts checks each
 * assumption against them, so an upgrade that breaks one fails there, by name.
 */
import type { InputOutputAdapter } from '@yeoman/adapter/types';
import type { ConflicterOptions } from '@yeoman/conflicter';
import type Generator from 'yeoman-generator';
import type { BaseOptions, PromptQuestion } from 'yeoman-generator';
import type { MemFsEditorFile } from 'mem-fs-editor';
import type { prepareGeneratorCommand } from 'yeoman-environment';
import type { SharedFs } from './commit.js';

/** A generator of this package, whatever its options. */
export type AnyGenerator = Generator<Record<string, unknown>, BaseOptions & Record<string, unknown>>;

/** One file of the environment's mem-fs store, as mem-fs-editor's state helpers read and set it. */
export type StoreFile = MemFsEditorFile & {
  /** the conflicter's verdict before it asks: 'force' writes the file without a question */
  conflicter?: string;
};

/** What yeoman-environment keeps on its instance that its BaseEnvironment type leaves out. */
interface EnvironmentInternals {
  /** --force, --dry-run and the like, given to the environment (yo, yeoman-test) rather than the generator */
  conflicterOptions?: ConflicterOptions & { force?: boolean; dryRun?: boolean };
  sharedFs: SharedFs & { get(path: string): StoreFile };
  adapter: InputOutputAdapter & { signal?: AbortSignal };
  /**
   * typed as always set (BaseEnvironment), and yeoman-environment 6 sets it; but a generator runs in whatever environment
   * runs it (an older or another implementation of @yeoman/types), which may leave it out: optional here, so runFolder keeps its fallback
   */
  logCwd?: string;
}

// yeoman-environment's instance has these members; its published type (BaseEnvironment) lists them only in part (or as
// always set: logCwd), and gives them to this view without a cast: the missing ones are optional here
const internals = (generator: AnyGenerator): EnvironmentInternals => generator.env;

export const conflicterOptions = (generator: AnyGenerator): NonNullable<EnvironmentInternals['conflicterOptions']> =>
  internals(generator).conflicterOptions ?? {};

/** The environment's mem-fs store, as the commit reads it. */
export const sharedFs = (generator: AnyGenerator): EnvironmentInternals['sharedFs'] => internals(generator).sharedFs;

/** The adapter the conflicter asks through (the terminal, or yeoman-test's answers). */
export const ioAdapter = (generator: AnyGenerator): EnvironmentInternals['adapter'] => internals(generator).adapter;

/** The abort signal of the environment's adapter (an adapter of yeoman-test may have none). */
export const adapterSignal = (generator: AnyGenerator): AbortSignal | undefined => ioAdapter(generator).signal;

/** The folder the run started in (Yeoman's logCwd): where the user's shell is, which messages name paths from. */
export const runFolder = (generator: AnyGenerator): string => internals(generator).logCwd ?? process.cwd();

/** The option names a generator declared, with their aliases (yeoman-generator keeps them in `_options`). */
export function declaredOptionNames(generator: AnyGenerator): string[] {
  const declared = (generator as unknown as { _options: Record<string, { alias?: string }> })._options;
  return Object.entries(declared).flatMap(([name, spec]) => (spec.alias ? [name, spec.alias] : [name]));
}

/** A file written through mem-fs that the conflicter must not ask about (registration edits, derived files). */
export function markForced(generator: AnyGenerator, absolutePath: string): void {
  sharedFs(generator).get(absolutePath).conflicter = 'force';
}

/** One question asked through the generator's prompt, its raw answer returned. */
export async function askOne(generator: AnyGenerator, question: { name: string } & Record<string, unknown>): Promise<unknown> {
  // built from our field declarations (core/profile/compose.ts): a question of one of inquirer's types, which its union type cannot narrow to
  const answers: Record<string, unknown> = await generator.prompt([question as unknown as PromptQuestion]);
  return answers[question.name];
}

/**
 * Yeoman logs "An error occured while running <namespace>#<task>" before it rethrows a task's error.
 * Every error of ours says what happened and what to do, so that line (an internal task name) is left out.
 */
export function leaveOutTaskErrorLine(generator: { readonly log?: Generator['log'] }): void {
  // optional above, though the generator's type always has one: a generator built only to read its options (--help) has no log
  const log = generator.log;
  if (!log) return;
  const quiet = new Proxy(log, {
    get(target, property, receiver): unknown {
      if (property !== 'error') return Reflect.get(target, property, receiver);
      return (message: unknown, ...rest: unknown[]) =>
        typeof message === 'string' && message.startsWith('An error occured while running ')
          ? undefined
          : // the logger's error takes a format string and its arguments; what reaches it here is passed on as it came
            (target.error as (...args: unknown[]) => unknown)(message, ...rest);
    },
  });
  // `log` is a read-only property of the generator's type: the quiet logger replaces it on the instance
  Object.defineProperty(generator, 'log', { value: quiet, writable: true, configurable: true });
}

/** How the bin registers a generator with yeoman-environment: the class, where yo would find it, its namespace. */
export type GeneratorRegistration = Required<Pick<Parameters<typeof prepareGeneratorCommand>[0], 'generator' | 'resolved' | 'namespace'>>;

/**
 * A generator the environment imports only when a run creates it: yeoman-environment calls a registered
 * stub's createGenerator then (its type asks for the class itself), so a run loads only the generators it
 * runs or composes.
 */
export const lazyGenerator = (load: () => Promise<{ default: unknown }>): GeneratorRegistration['generator'] =>
  ({ createGenerator: load }) as unknown as GeneratorRegistration['generator'];
