/** Inputs that mean the same thing for every host. */
import type { Field } from './field.js';
import type { JsonSchema } from './json-schema.js';
import { PYTHON_RESERVED, SNAKE_CASE, titleCase } from './names.js';

const LONG_TEXT = 20_000;

/**
 * The rule every connector name follows, with an example that fits the host (a Mage source is not a
 * database) and the host's length limit, with the reason for it when it is the host's own.
 */
export function snakeCaseNameSchema(example: string, maxLength = 60, whyLength = ''): JsonSchema & { type: 'string' } {
  const rule =
    'must be snake_case: a lowercase letter, then lowercase letters, digits and single underscores ' +
    `between parts (e.g. ${example}), at most ${maxLength} characters${whyLength}, not a Python keyword`;
  return {
    type: 'string',
    pattern: SNAKE_CASE,
    maxLength,
    // the keywords snake_case allows: False, None and True already fail the pattern, and one message is enough
    not: { enum: PYTHON_RESERVED.filter((word) => new RegExp(SNAKE_CASE).test(word)) },
    errorMessage: {
      type: rule,
      pattern: rule,
      maxLength: rule,
      // a keyword is valid snake_case: the generic rule would not say what is wrong with `class`
      not:
        'is a Python keyword (or soft keyword), which cannot name a Python package, module or class; ' +
        `choose another name, e.g. with a suffix such as _db or _api`,
    },
  };
}

export const nameField = {
  name: 'name',
  kind: 'text',
  help: 'Connector name in snake_case, e.g. my_db',
  required: true,
  schema: snakeCaseNameSchema('my_db'),
} as const satisfies Field;

export const displayNameField = {
  name: 'displayName',
  kind: 'text',
  help: 'Name shown to users',
  defaultHelp: 'the name in title case',
  defaultFor: (p) => (typeof p.name === 'string' ? titleCase(p.name) : undefined),
  schema: {
    type: 'string',
    minLength: 1,
    maxLength: 80,
    pattern: '^[^\\u0000-\\u001f\\u007f]*$',
    errorMessage: 'must be one line of 1 to 80 characters without control characters',
  },
} as const satisfies Field;

export const freeTextField = <const Name extends string>(name: Name, help: string) =>
  ({
    name,
    kind: 'text',
    help,
    defaultFor: () => '',
    schema: { type: 'string', maxLength: LONG_TEXT, errorMessage: `must be text of at most ${LONG_TEXT} characters` },
  }) as const satisfies Field;

export const docsUrlField = {
  name: 'docsUrl',
  kind: 'text',
  help: "URL of the source system's API or driver documentation",
  defaultFor: () => '',
  schema: {
    type: 'string',
    maxLength: 2000,
    pattern: '^(https?://[^\\s]+)?$',
    errorMessage: 'must be empty or an http(s) URL without spaces',
  },
} as const satisfies Field;

export const apiEndpointsField = {
  name: 'apiEndpoints',
  kind: 'list',
  help: 'Key API endpoints or calls the connector will use, as METHOD /path (several allowed)',
  question: 'Key API endpoints or calls the connector will use, as METHOD /path, e.g. GET /dashboards, GET /charts/{id}',
  defaultFor: () => [],
  schema: {
    type: 'array',
    items: { type: 'string', maxLength: LONG_TEXT },
    errorMessage: 'must be a list of text entries',
  },
} as const satisfies Field;

export const docsNotesField = {
  ...freeTextField(
    'docsNotes',
    'Anything an implementer should know: quirks, limits, auth details; several lines from a profile file (a YAML | block), ' +
      'a flag with real line breaks, or \\n at the prompt',
  ),
  // the brief quotes it line by line
  multiline: true,
  question: 'Anything an implementer should know: quirks, limits, auth details',
} as const satisfies Field;

/** A port: optional in every profile (none may be known). */
export const portField = <const Name extends string>(name: Name, help: string, defaultFor?: Field['defaultFor']) =>
  ({
    name,
    kind: 'integer',
    help,
    defaultFor,
    optional: true,
    schema: { type: 'integer', minimum: 1, maximum: 65535, errorMessage: 'must be a whole number from 1 to 65535' },
  }) as const satisfies Field;

export const choiceField = <const Name extends string, const Choice extends string>(
  name: Name,
  help: string,
  choices: readonly Choice[],
  rest: Partial<Omit<Field, 'name' | 'schema'>> = {},
) =>
  ({
    name,
    kind: 'choice',
    help,
    choices,
    schema: { type: 'string', enum: [...choices], errorMessage: `must be one of: ${choices.join(', ')}` },
    ...rest,
  }) as const satisfies Field;

export const choicesField = <const Name extends string, const Choice extends string>(
  name: Name,
  help: string,
  choices: readonly Choice[],
  rest: Partial<Omit<Field, 'name' | 'schema'>> = {},
) =>
  ({
    name,
    kind: 'choices',
    help,
    choices,
    schema: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: [...choices] },
      errorMessage: `must be one or more distinct values of: ${choices.join(', ')}`,
    },
    ...rest,
  }) as const satisfies Field;
