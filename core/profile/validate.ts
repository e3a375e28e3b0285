/**
 * The profile's JSON Schema, built from the field declarations, and all-at-once validation with ajv.
 * The validators are compiled at build time (build/validators.ts); ajv itself is loaded only when
 * there is none for the schema at hand (before the first build, or after a field changed).
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { closest } from '../closest.js';
import { flagOf, type Field, type PartialProfile } from './field.js';
import type { JsonSchema } from './json-schema.js';
import type { PrecompiledValidator } from './validators.generated.js';

type AjvPlugin = (ajv: Ajv) => Ajv;
/** ajv and ajv-errors are CommonJS: required, synchronously, only when a schema must be compiled here. */
const require = createRequire(import.meta.url);

/** ajv with the options and plugin every profile schema is compiled with, at build time and here. */
export function profileAjv(options: Options = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  // ajv-errors sets `exports.default`
  const ajvErrors = (require('ajv-errors') as { default: AjvPlugin }).default;
  const ajv = new AjvClass({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, ...options });
  ajvErrors(ajv);
  return ajv;
}

/** The build's validators by host; none before the first build. */
const precompiled: Readonly<Record<string, PrecompiledValidator>> = await import('./validators.generated.js').then(
  (module) => module.precompiled,
  (error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND') return {};
    throw error;
  },
);

export interface ProfileSpec {
  /** `openmetadata` or `mage`: also the key prefix of stored profiles */
  host: string;
  fields: readonly Field[];
  /** cross-field rules, as JSON Schema `if`/`then` fragments */
  rules: readonly JsonSchema[];
  /** checks JSON Schema cannot express, such as names derived from several fields */
  extraChecks?: (profile: PartialProfile) => Problem[];
}

export interface Problem {
  field: string;
  message: string;
  /** how the error names the field; default: its flag */
  label?: string;
  /** set when the problem is a clash with what the checkout holds, which a run in a terminal settles at once */
  clash?: Clash;
}

/**
 * A value the checkout already holds (a taken name): known as soon as the answers that decide it
 * are, so a run in a terminal asks again right then, instead of failing after every other question.
 */
export interface Clash {
  /** what is wrong, as a prompt says it: without flags */
  reason: string;
  /** another field that settles the clash too (a name's own service type value), offered beside answering again */
  instead?: {
    field: string;
    /** a value of that field that settles it: the question's default */
    suggestion: string;
    /** the two ways out, as the choices of the prompt word them */
    retry: string;
    choice: string;
  };
}

export class ProfileError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(describeProblems(problems));
    this.name = 'ProfileError';
  }
}

const fieldLabel = (field: string): string => (field === '(profile)' ? 'profile' : flagOf({ name: field }));

export function describeProblems(problems: readonly Problem[]): string {
  const lines = problems.map((p) => `  ${p.label ?? fieldLabel(p.field)}: ${p.message}`);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `The connector profile has ${count}; nothing was written.\n${lines.join('\n')}`;
}

export function buildProfileSchema(spec: ProfileSpec): JsonSchema {
  const known = spec.fields.map((f) => f.name).join(', ');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://github.com/generator-connector/profile/${spec.host}.json`,
    title: `${spec.host} connector profile`,
    type: 'object',
    properties: Object.fromEntries(spec.fields.map((f) => [f.name, { description: f.help, ...f.schema }])),
    required: spec.fields.filter((f) => f.required).map((f) => f.name),
    additionalProperties: false,
    allOf: [...spec.rules],
    errorMessage: {
      additionalProperties: `is not a field of this generator; known fields: ${known}`,
      required: Object.fromEntries(
        spec.fields.filter((f) => f.required).map((f) => [f.name, `is required: pass ${flagOf(f)} or set "${f.name}" in the profile file`]),
      ),
    },
  };
}

/** The build's validator for this spec, if it was compiled from the schema the spec gives now. */
export function precompiledValidatorFor(spec: ProfileSpec): ValidateFunction | undefined {
  const built = precompiled[spec.host];
  return built && built.schema === JSON.stringify(buildProfileSchema(spec)) ? built.validate : undefined;
}

export const compileValidatorFor = (spec: ProfileSpec): ValidateFunction => profileAjv().compile(buildProfileSchema(spec));

const validators = new Map<string, ValidateFunction>();

function validatorFor(spec: ProfileSpec): ValidateFunction {
  let validate = validators.get(spec.host);
  if (!validate) {
    validate = precompiledValidatorFor(spec) ?? compileValidatorFor(spec);
    validators.set(spec.host, validate);
  }
  return validate;
}

/** The field an ajv error is about: the first segment of its path, or the property it names. */
/** The params of the error ajv-errors replaced with our message, or of the error itself. */
const innerParams = (error: ErrorObject): Record<string, unknown> | undefined =>
  ((error.params as { errors?: ErrorObject[] }).errors?.[0]?.params ?? error.params) as Record<string, unknown> | undefined;

function fieldOfError(error: ErrorObject): string {
  const segment = error.instancePath.split('/')[1];
  if (segment) return segment;
  const inner = innerParams(error);
  const named = inner?.missingProperty ?? inner?.additionalProperty;
  return typeof named === 'string' ? named : '(profile)';
}

/** JSON.stringify as it behaves: undefined (which its type leaves out) for undefined, a function or a symbol. */
const jsonText = (value: unknown): string | undefined => JSON.stringify(value);

const shown = (value: unknown): string => {
  const text = jsonText(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** Whether ajv (or the error ajv-errors replaced with our message) refused a value outside an enum. */
const isEnumError = (error: ErrorObject): boolean =>
  error.keyword === 'enum' || ((error.params as { errors?: ErrorObject[] }).errors ?? []).some((inner) => inner.keyword === 'enum');

/**
 * "did you mean" for values outside a field's choices, as for a mistyped flag: `dashbord` -> `dashboard`;
 * for a list, each mistyped entry with its correction.
 */
function suggestionFor(field: Field | undefined, value: unknown): string {
  const choices = field?.choices;
  if (!choices) return '';
  const typed = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && !choices.includes(v));
  const pairs = typed.flatMap((v) => {
    const suggestion = closest(v, choices);
    return suggestion ? [{ typed: v, suggestion }] : [];
  });
  const [first, ...others] = pairs;
  if (!first) return '';
  if (!Array.isArray(value) && others.length === 0) return `; did you mean ${first.suggestion}?`;
  return `; did you mean ${pairs.map((p) => `${p.suggestion} (for ${p.typed})`).join(', ')}?`;
}

function problemOf(error: ErrorObject, profile: PartialProfile, fields: ReadonlyMap<string, Field>): Problem {
  const field = fieldOfError(error);
  const hasValue = error.instancePath !== '' && profile[field] !== undefined;
  const suggestion = hasValue && isEnumError(error) ? suggestionFor(fields.get(field), profile[field]) : '';
  const message = `${error.message ?? 'is invalid'}${suggestion}`;
  // An unknown key has no flag: it came from a profile file (or a hand-edited .yo-rc.json).
  const label = innerParams(error)?.additionalProperty === field ? `profile file field ${field}` : undefined;
  return { field, message: hasValue ? `${message} (got ${shown(profile[field])})` : message, ...(label ? { label } : {}) };
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
const listed = (values: readonly unknown[]): string => {
  const quoted = values.map(shown);
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
};

/** The item an error of a field with an item rule is about (the value the rule judged), if it is one. */
function itemOf(error: ErrorObject, field: Field | undefined, profile: PartialProfile): { value: unknown } | undefined {
  if (!field?.itemRule) return undefined;
  const match = /^\/[^/]+\/(\d+)(?:\/(.+))?$/.exec(error.instancePath);
  if (!match || (match[2] ?? undefined) !== field.itemRule.property) return undefined;
  const item = (profile[field.name] as unknown[] | undefined)?.[Number(match[1])];
  const value = field.itemRule.property && item && typeof item === 'object' ? (item as Record<string, unknown>)[field.itemRule.property] : item;
  return { value };
}

/**
 * The schema's problems, one per error, except that the bad items of a list with an item rule are
 * named together in one problem per rule: the rule is said once, however many items break it.
 */
function schemaProblemsOf(spec: ProfileSpec, errors: readonly ErrorObject[], profile: PartialProfile): Problem[] {
  const byName = new Map(spec.fields.map((f) => [f.name, f]));
  const problems: Problem[] = [];
  const groups = new Map<string, { problem: Problem; noun: string; rule: string; values: unknown[] }>();
  for (const error of errors) {
    const field = byName.get(fieldOfError(error));
    const item = itemOf(error, field, profile);
    if (!field?.itemRule || !item) {
      problems.push(problemOf(error, profile, byName));
      continue;
    }
    const rule = error.message ?? 'is invalid';
    const key = `${field.name}\n${rule}`;
    const group = groups.get(key);
    if (group) {
      group.values.push(item.value);
      continue;
    }
    const problem: Problem = { field: field.name, message: '' };
    groups.set(key, { problem, noun: field.itemRule.noun, rule, values: [item.value] });
    problems.push(problem);
  }
  for (const { problem, noun, rule, values } of groups.values()) {
    problem.message = `${listed(values)} ${values.length === 1 ? `is not a valid ${noun}` : `are not valid ${noun}s`}: ${rule}`;
  }
  return problems;
}

/** Every problem with the profile, schema and extra checks together; empty when valid. */
export function findProblems(spec: ProfileSpec, profile: PartialProfile, contextProblems: Problem[] = []): Problem[] {
  const validate = validatorFor(spec);
  const errors = validate(profile) ? [] : (validate.errors ?? []);
  // an `if` error only says "must match then"; the `then` branch reported the useful message
  const schemaProblems = schemaProblemsOf(
    spec,
    errors.filter((e) => e.keyword !== 'if'),
    profile,
  );
  const unique = schemaProblems.filter(
    (p, i) => schemaProblems.findIndex((o) => o.field === p.field && o.message === p.message) === i,
  );
  return [...unique, ...(spec.extraChecks?.(profile) ?? []), ...contextProblems];
}

/**
 * A profile `findProblems` found nothing wrong with, as its host's type: the type is read from the same
 * fields' schemas ajv checked it against (ProfileOf), which is what makes this the one safe place the
 * composer's untyped record becomes a typed profile.
 */
export const checkedProfile = <P>(profile: PartialProfile): P => profile as P;

export function assertValidProfile(spec: ProfileSpec, profile: PartialProfile, contextProblems: Problem[] = []): void {
  const problems = findProblems(spec, profile, contextProblems);
  if (problems.length > 0) throw new ProfileError(problems);
}
