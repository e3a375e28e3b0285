/** Inputs that mean the same thing for every host. */
import type { Field } from './field.js';
import type { JsonSchema } from './json-schema.js';
import { PYTHON_RESERVED, SNAKE_CASE, titleCase } from './names.js';

const LONG_TEXT = 20_000;

/**
 * The rule every connector name follows, with an example that fits the host (a Mage source is not a
 * database) and the host's length limit, with the reason for it when it is the host's own.
 */
export function snakeCaseNameSchema(example: string, maxLength = 60, whyLength = ''): JsonSchema {
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

export const nameField: Field = {
  name: 'name',
  kind: 'text',
  help: 'Connector name in snake_case, e.g. my_db',
  required: true,
  schema: snakeCaseNameSchema('my_db'),
};

export const displayNameField: Field = {
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
};

export const freeTextField = (name: string, help: string): Field => ({
  name,
  kind: 'text',
  help,
  defaultFor: () => '',
  schema: { type: 'string', maxLength: LONG_TEXT, errorMessage: `must be text of at most ${LONG_TEXT} characters` },
});

export const docsUrlField: Field = {
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
};

export const apiEndpointsField: Field = {
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
};

export const docsNotesField: Field = {
  ...freeTextField(
    'docsNotes',
    'Anything an implementer should know: quirks, limits, auth details; several lines from a profile file (a YAML | block), ' +
      'a flag with real line breaks, or \\n at the prompt',
  ),
  // the brief quotes it line by line
  multiline: true,
  question: 'Anything an implementer should know: quirks, limits, auth details',
};

export const portField = (name: string, help: string, defaultFor?: Field['defaultFor']): Field => ({
  name,
  kind: 'integer',
  help,
  defaultFor,
  schema: { type: 'integer', minimum: 1, maximum: 65535, errorMessage: 'must be a whole number from 1 to 65535' },
});

export const choiceField = (
  name: string,
  help: string,
  choices: readonly string[],
  rest: Partial<Field> = {},
): Field => ({
  name,
  kind: 'choice',
  help,
  choices,
  schema: { type: 'string', enum: [...choices], errorMessage: `must be one of: ${choices.join(', ')}` },
  ...rest,
});

export const choicesField = (
  name: string,
  help: string,
  choices: readonly string[],
  rest: Partial<Field> = {},
): Field => ({
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
});
