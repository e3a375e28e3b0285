/**
 * Flags typed on the command line that no generator declares. yo (7) hands every flag to the
 * generator as an option, declared or not, so a mistyped flag would be ignored in silence; the
 * bin's commander would stop at the first one, hiding every other problem of the run. Either way
 * the generator reports them, with the closest declared flag, together with the profile's problems.
 */
import { closest } from './closest.js';
import type { Problem } from './profile/validate.js';

/** Flags yo itself reads (yo 7's cli.js, its usage and meow), and yeoman-environment's run options, which reach every generator. */
const YO_OWN_FLAGS = [
  ...['help', 'h', 'version', 'generators', 'environment-version', 'insight', 'color', 'local-only', 'debug', 'f'],
  ...['cwd', 'skip-install', 'skip-cache', 'local-config-only', 'ask-answered', 'force', 'dry-run', 'whitespace', 'bail'],
  ...['skip-yo-resolve', 'force-install'],
];

/** The flag a word types, without its value: `--service-typ=x` -> `--service-typ`; undefined for a value or `--`. */
const typedFlag = (word: string): string | undefined =>
  word.startsWith('-') && word !== '-' && word !== '--' ? word.split('=')[0] : undefined;

/** A typed flag's name: without dashes (`--bogus` -> `bogus`). */
const nameOf = (flag: string): string => flag.replace(/^--?/, '');

/**
 * The flag names typed after `yo <namespace>` (without dashes, `no-` or `=value`), when this process
 * is yo running one of `namespaces`; undefined otherwise (the bin, a test, a parent generator's run).
 */
export function flagsTypedToYo(argv: readonly string[], isOwnNamespace: (namespace: string) => boolean): string[] | undefined {
  if (!/[\\/]yo(?:[\\/]lib[\\/]cli\.js)?$/.test(argv[1] ?? '')) return undefined;
  const words = argv.slice(2);
  const command = words.find((word) => !word.startsWith('-'));
  if (!command || !isOwnNamespace(command)) return undefined;
  return words.flatMap((word) => {
    const flag = typedFlag(word);
    return flag ? [nameOf(flag).replace(/^no-/, '')] : [];
  });
}

/** The flags typed to yo that neither the generator (`declared`) nor yo itself reads. */
export const unknownToYo = (typed: readonly string[], declared: readonly string[]): string[] => {
  const known = new Set([...declared, ...YO_OWN_FLAGS]);
  return typed.filter((flag) => !known.has(flag));
};

/** How the bin's command line declares a flag (commander's Option, as far as splitting words needs). */
export interface DeclaredFlag {
  /** `--service-type`, `-h` */
  flag: string;
  /** the next word is its value even when it starts with a dash (commander's `<value>`) */
  takesValue: boolean;
}

/**
 * The bin's words without the flags its command does not declare, and those flags as typed
 * (`--bogus`, without a value). The words after an unknown flag, up to the next flag, go with it as
 * its values: the generators take no positional arguments.
 */
export function splitUnknownFlags(words: readonly string[], declared: readonly DeclaredFlag[]): { known: string[]; unknown: string[] } {
  const byFlag = new Map(declared.map((d) => [d.flag, d]));
  const known: string[] = [];
  const unknown: string[] = [];
  let droppingValues = false;
  let valueFollows = false;
  for (const [i, word] of words.entries()) {
    // `--default-port -1`: commander takes the word after a flag that takes a value as the value, dash or not
    if (valueFollows) {
      valueFollows = false;
      known.push(word);
      continue;
    }
    if (word === '--') {
      known.push(...words.slice(i));
      break;
    }
    const flag = typedFlag(word);
    if (flag === undefined) {
      if (!droppingValues) known.push(word);
      continue;
    }
    const declaration = byFlag.get(flag);
    droppingValues = declaration === undefined;
    if (!declaration) {
      unknown.push(flag);
      continue;
    }
    known.push(word);
    valueFollows = declaration.takesValue && !word.includes('=');
  }
  return { known, unknown };
}

/** One problem per unknown flag (a name, as yo's are, or as typed to the bin), with the closest declared flag. */
export function unknownFlagProblems(unknown: readonly string[], declared: readonly string[]): Problem[] {
  return [...new Set(unknown)].map((typed) => {
    const name = nameOf(typed);
    const suggestion = closest(name.replace(/^no-/, ''), declared);
    return {
      field: name,
      label: typed.startsWith('-') ? typed : `--${typed}`,
      message: `is not a flag of this generator${suggestion ? `; did you mean --${suggestion}?` : ''} (--help lists them)`,
    };
  });
}
