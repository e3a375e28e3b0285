/**
 * The profile composer: merges what flags, a profile file and stored answers
 * supply (flags win), says which fields still need asking, and fills defaults.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { dashed, type Field, type PartialProfile } from './field.js';
import { decodePromptLine, encodePromptLine } from './multiline.js';
import { ProfileError, type ProfileSpec } from './validate.js';

/** A prompt question as inquirer takes it: its name is the answer's key. */
export type Question = { name: string; message: string } & Record<string, unknown>;

/** Array.isArray, with unknown elements rather than any: a value from flags, a file or a prompt may hold anything. */
const isList = (value: unknown): value is unknown[] => Array.isArray(value);

const camelCase = (key: string): string => key.replace(/[-_]([a-z])/g, (_, c: string) => c.toUpperCase());

// yeoman-generator coerces an option declared `type: Array` with `Array(value)`: a value that is already an
// array (from the bin's commander, or a parent's composeWith) arrives nested, `[['a', 'b']]`. Flatten first.
const splitList = (values: unknown): unknown =>
  isList(values)
    ? values.flat(Infinity).flatMap((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [v]))
    : typeof values === 'string'
      ? splitList([values])
      : values;

/** Turns a raw CLI or file value into the field's type; leaves bad values for the schema to report. */
export function coerceValue(field: Field, raw: unknown): unknown {
  switch (field.kind) {
    case 'integer':
      return typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
    case 'list':
    case 'choices':
      return splitList(raw);
    case 'records': {
      const items = isList(raw) ? raw.flat(Infinity) : [raw];
      const parse = field.parseItem ?? ((text: string) => text);
      return items.flatMap((item) => (typeof item === 'string' ? item.split(/[,\s]+/).filter(Boolean).map(parse) : [item]));
    }
    default:
      return raw;
  }
}

/** A profile file writes a list as a list: its entries stay whole (an API endpoint may hold a comma). */
const coerceFileValue = (field: Field, raw: unknown): unknown =>
  field.kind === 'list' && Array.isArray(raw) ? raw : coerceValue(field, raw);

/** Profile values present in an options object (flags or a parent generator's options). */
export function valuesFromOptions(spec: ProfileSpec, options: Record<string, unknown>): PartialProfile {
  const values: PartialProfile = {};
  for (const field of spec.fields) {
    const raw = options[field.name] ?? options[dashed(field.name)];
    if (raw !== undefined && raw !== null && !(Array.isArray(raw) && raw.length === 0)) {
      values[field.name] = coerceValue(field, raw);
    }
  }
  return values;
}

/** A profile file, JSON or YAML; keys may be camelCase, dashed or snake_case. */
export function readProfileFile(spec: ProfileSpec, file: string): PartialProfile {
  let parsed: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    parsed = /\.ya?ml$/i.test(file) ? yaml.load(text) : JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ProfileError([{ field: 'profile', message: `cannot read ${path.resolve(file)}: ${reason}` }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ProfileError([{ field: 'profile', message: `${file} must hold an object of profile fields` }]);
  }
  const byName = new Map(spec.fields.map((f) => [f.name, f]));
  const values: PartialProfile = {};
  for (const [key, raw] of Object.entries(parsed)) {
    const field = byName.get(camelCase(key));
    // an unknown key keeps the user's spelling, so the error names what is in the file
    if (field) values[field.name] = coerceFileValue(field, raw);
    else values[key] = raw;
  }
  return values;
}

/** Later sources win: pass them lowest priority first. */
export function mergeSources(...sources: PartialProfile[]): PartialProfile {
  const merged: PartialProfile = {};
  Object.assign(merged, ...sources);
  return merged;
}

export function fieldsToAsk(spec: ProfileSpec, profile: PartialProfile): Field[] {
  return spec.fields.filter((f) => profile[f.name] === undefined && (f.askWhen?.(profile) ?? true));
}

/** Fills every missing field that has a default, in declaration order (later defaults may read earlier values). */
export function withDefaults(spec: ProfileSpec, profile: PartialProfile): PartialProfile {
  const complete: PartialProfile = { ...profile };
  for (const field of spec.fields) {
    if (complete[field.name] === undefined) {
      const value = field.defaultFor?.(complete);
      if (value !== undefined) complete[field.name] = value;
    }
  }
  return complete;
}

/** Checks one answer as typed; true, or the message to show inline before asking again. */
export type AnswerCheck = (raw: unknown) => true | string;

const choiceEntry = (field: Field, choice: string) => ({
  name: choice,
  value: choice,
  ...(field.choiceHelp?.[choice] ? { description: field.choiceHelp[choice] } : {}),
});

/** Checkbox prompts hand validate the selected choice objects; the check wants their values. */
const selectedValues = (input: unknown): unknown =>
  isList(input) ? input.map((item) => (typeof item === 'object' && item !== null && 'value' in item ? item.value : item)) : input;

/** An inquirer question for a field, with the default it would otherwise take, checked as it is answered. */
export function questionFor(field: Field, profile: PartialProfile, defaultOverride?: unknown, check?: AnswerCheck): Question {
  const defaultValue = defaultOverride ?? field.defaultFor?.(profile);
  const base = { name: field.name, message: field.question ?? field.help, ...(check ? { validate: check } : {}) };
  switch (field.kind) {
    case 'choice':
      return {
        ...base,
        type: 'select',
        choices: (field.choicesFor?.(profile) ?? field.choices ?? []).map((c) => choiceEntry(field, c)),
        default: defaultValue,
      };
    case 'choices': {
      const picked = Array.isArray(defaultValue) ? defaultValue : [];
      const always = field.alwaysIncluded ?? [];
      const offered = (field.choicesFor?.(profile) ?? field.choices ?? []).filter((c) => !always.includes(c));
      return {
        ...base,
        ...(check ? { validate: (input: unknown) => check(selectedValues(input)) } : {}),
        message: always.length > 0 ? `${base.message} (${always.join(', ')} always included)` : base.message,
        type: 'checkbox',
        choices: offered.map((c) => ({ ...choiceEntry(field, c), checked: picked.includes(c) })),
      };
    }
    case 'boolean':
      return { ...base, type: 'confirm', default: defaultValue === true };
    case 'list':
      return { ...base, type: 'input', message: `${base.message} (comma-separated)`, default: Array.isArray(defaultValue) ? defaultValue.join(', ') : undefined };
    default: {
      const shown = defaultValue === undefined || defaultValue === '' ? undefined : promptDefault(defaultValue);
      if (!field.multiline) return { ...base, type: 'input', default: shown };
      return { ...base, type: 'input', message: `${base.message} (\\n for a line break)`, default: shown === undefined ? undefined : encodePromptLine(shown) };
    }
  }
}

/** A text or integer field's default as its prompt offers it (anything else, which no such field has, as JSON rather than [object Object]). */
const promptDefault = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);

/** A prompt's answer as a profile value: coerced, undefined when left empty (the default applies), with the always-included choices. */
export function answerValue(field: Field, raw: unknown): unknown {
  if (raw === '' || raw === undefined) return undefined;
  // one prompt line: `\n` is how it spans lines
  const value = field.multiline && typeof raw === 'string' ? decodePromptLine(raw) : coerceValue(field, raw);
  const always = field.alwaysIncluded ?? [];
  if (always.length === 0 || !isList(value)) return value;
  return [...always, ...value.filter((v) => !always.includes(v as string))];
}
