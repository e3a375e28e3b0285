/**
 * What a run is given: the options every host generator declares (one per profile field, and those
 * every run shares), the flags it was given that none declares, whether it may ask, and --force.
 */
import type Generator from 'yeoman-generator';
import type { BaseOptions } from 'yeoman-generator';
import { flagsTypedToYo, unknownFlagProblems, unknownToYo } from '../cli-flags.js';
import { dashed, type Field } from '../profile/field.js';
import type { Problem, ProfileSpec } from '../profile/validate.js';
import { conflicterOptions, declaredOptionNames } from '../yeoman.js';

export interface RunOptions {
  profile?: string;
  interactive?: boolean;
  skipRegister?: boolean;
  force?: boolean;
  dryRun?: boolean;
  writeConflictMarkers?: boolean;
}

export type ConnectorOptions = BaseOptions & RunOptions & Record<string, unknown>;

const OPTION_TYPE: Record<Field['kind'], typeof String | typeof Array | typeof Boolean> = {
  text: String,
  choice: String,
  integer: String,
  choices: Array,
  list: Array,
  records: Array,
  boolean: Boolean,
};

function optionDescription(field: Field): string {
  return field.choices ? `${field.help} (${field.choices.join(', ')})` : field.help;
}

/** Declares one Yeoman option per profile field, plus the options every run shares. */
export function declareOptions(generator: Generator<Record<string, unknown>, ConnectorOptions>, spec: ProfileSpec): void {
  for (const field of spec.fields) {
    // Declared dashed so commander accepts --service-type; values are read back camelCase (serviceType).
    generator.option(dashed(field.name), { type: OPTION_TYPE[field.kind], description: optionDescription(field) });
  }
  generator.option('profile', { type: String, description: 'Profile file (JSON or YAML) with any of the fields above; flags win' });
  generator.option('interactive', {
    type: Boolean,
    description: 'Ask for missing fields and conflicts (default: when stdin is a terminal)',
  });
  generator.option('write-conflict-markers', {
    type: Boolean,
    description: 'Without a terminal, write a merge that conflicts with its conflict markers instead of failing',
  });
}

/**
 * The flags of this run that the generator does not declare, as problems to report with the rest:
 * the bin's (left out of its command line, so commander does not stop at the first, and handed over
 * as the `unknownFlags` option) and yo's (read from yo's command line: yo passes every flag on).
 */
export function undeclaredFlagProblems(generator: Generator<Record<string, unknown>, ConnectorOptions>): Problem[] {
  const names = declaredOptionNames(generator);
  const fromBin = generator.options.unknownFlags;
  const typedToYo = flagsTypedToYo(process.argv, (namespace) => namespace === 'connector' || namespace.startsWith('connector:'));
  const unknown = [
    ...(Array.isArray(fromBin) ? fromBin.filter((flag): flag is string => typeof flag === 'string') : []),
    ...(typedToYo ? unknownToYo(typedToYo, names) : []),
  ];
  // suggestions name long flags only: a one-letter alias (`h`) would be the prefix of many typos
  return unknownFlagProblems(unknown, names.filter((name) => name.length > 1));
}

/** Whether this run may ask the user anything: an explicit option, else a terminal on stdin. */
export const canAsk = (options: RunOptions): boolean => options.interactive ?? Boolean(process.stdin.isTTY);

/** --force, given to the generator or to the environment (yo, yeoman-test) */
export const forcedRun = (generator: Generator<Record<string, unknown>, ConnectorOptions>): boolean =>
  Boolean(generator.options.force || conflicterOptions(generator).force);
