/**
 * Flags typed on yo's command line. yo (7) hands every flag to the generator
 * as an option, declared or not, so a mistyped flag would be ignored in
 * silence. The bin rejects them through commander; under yo the generator
 * reads the command line itself and rejects them the same way.
 */
import type { Problem } from './profile/validate.js';

/** Flags yo itself reads (yo 7's cli.js and meow), and yeoman-environment's run options, which reach every generator. */
const YO_OWN_FLAGS = [
  ...['help', 'h', 'version', 'generators', 'environment-version', 'insight', 'color', 'local-only'],
  ...['cwd', 'skip-install', 'skip-cache', 'local-config-only', 'ask-answered', 'force', 'dry-run', 'whitespace', 'bail'],
  ...['skip-yo-resolve', 'force-install'],
];

/**
 * The flag names typed after `yo <namespace>` (without dashes, `no-` or `=value`), when this process
 * is yo running one of `namespaces`; undefined otherwise (the bin, a test, a parent generator's run).
 */
export function flagsTypedToYo(argv: readonly string[], isOwnNamespace: (namespace: string) => boolean): string[] | undefined {
  if (!/[\\/]yo(?:[\\/]lib[\\/]cli\.js)?$/.test(argv[1] ?? '')) return undefined;
  const words = argv.slice(2);
  const command = words.find((word) => !word.startsWith('-'));
  if (!command || !isOwnNamespace(command)) return undefined;
  return words
    .filter((word) => word.startsWith('-') && word !== '-' && word !== '--')
    .map((word) => word.replace(/^--?/, '').split('=')[0]!.replace(/^no-/, ''));
}

/** One problem per typed flag that neither the generator nor yo declares, with the closest declared flag. */
export function unknownFlagProblems(typed: readonly string[], declared: readonly string[]): Problem[] {
  const known = new Set([...declared, ...YO_OWN_FLAGS]);
  return [...new Set(typed)]
    .filter((flag) => !known.has(flag))
    .map((flag) => {
      const suggestion = closest(flag, declared);
      return {
        field: flag,
        label: `--${flag}`,
        message: `is not a flag of this generator${suggestion ? `; did you mean --${suggestion}?` : ''} (--help lists them)`,
      };
    });
}

/** The declared flag nearest to a typo: one it starts, or one within a few edits. */
export function closest(typo: string, candidates: readonly string[]): string | undefined {
  const prefixed = candidates.filter((c) => c.startsWith(typo) || typo.startsWith(c));
  if (prefixed.length === 1) return prefixed[0];
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(typo, name);
    if (distance <= Math.max(2, Math.floor(name.length / 4)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
