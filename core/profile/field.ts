/**
 * One declaration per input: its profile key (also the CLI option, typed in
 * dashed form by the user), its value type, help text, prompt, default and
 * JSON Schema. Options, prompts, the profile schema and --help all read these.
 */
import type { JsonSchema } from './json-schema.js';

export type FieldKind =
  /** free text or an identifier: one string */
  | 'text'
  /** one of `choices` */
  | 'choice'
  /** several of `choices` */
  | 'choices'
  /** an integer (ports) */
  | 'integer'
  /** several strings; the CLI also accepts comma-separated values */
  | 'list'
  /** several structured items: objects in a profile file, each read from its CLI text by the field's `parseItem` */
  | 'records'
  /** a switch: `--flag` on, `--no-flag` off */
  | 'boolean';

export type PartialProfile = Record<string, unknown>;

export interface Field<Name extends string = string, Schema extends JsonSchema = JsonSchema> {
  /** camelCase profile key and option name; the user types `--${dashed}` */
  name: Name;
  kind: FieldKind;
  /** one sentence, shown in --help and as the prompt message */
  help: string;
  /** JSON Schema of the value; `errorMessage` (ajv-errors) names the fix; the profile's type is read from it (ProfileOf) */
  schema: Schema;
  /**
   * the value may be absent from a complete profile (no default applies, as a port nobody gave, or
   * --generate-models not given); every other field has a value once defaults are filled
   */
  optional?: boolean;
  /** for records: one item from its CLI text (`password:secret=abc`); items are separated by commas or spaces */
  parseItem?: (text: string) => unknown;
  /** allowed values, for choice and choices */
  choices?: readonly string[];
  /** what each choice means, shown beside it at the prompt */
  choiceHelp?: Readonly<Record<string, string>>;
  /** choices that are always part of the answer: not offered at the prompt, where they could be unchecked */
  alwaysIncluded?: readonly string[];
  /**
   * text that may span lines (docs notes): a profile file and a flag take real line breaks; one prompt
   * line cannot, so at the prompt `\n` stands for a line break and `\\` for a backslash (core/profile/multiline.ts)
   */
  multiline?: boolean;
  /** the prompt's wording, when the help text (which says when the flag applies) would mislead once earlier answers are known */
  question?: string;
  /** choices offered at the prompt once earlier answers are known */
  choicesFor?: (profile: PartialProfile) => readonly string[];
  /** the default as --help states it, when it depends on other answers */
  defaultHelp?: string;
  /** value used when no flag, profile file, stored answer or prompt supplied one */
  defaultFor?: (profile: PartialProfile) => unknown;
  /** whether to ask at the prompt when the value is missing (default: always) */
  askWhen?: (profile: PartialProfile) => boolean;
  /** the profile is invalid without a value and no default can be derived */
  required?: boolean;
  /**
   * a choice about this run, not about the connector: validated with the rest, listed among the run
   * flags in --help, never stored with the answers (a re-run does not repeat it unless asked again)
   */
  runOnly?: boolean;
  /**
   * a list whose items each follow one rule, the one its schema's `items` errorMessage states: the bad
   * items are named together, with the rule once ("Bad" and "2x" are not valid stream ids: <rule>).
   * `noun` is what an item is; `property`, the part of an object item the rule is about (a config key's key).
   */
  itemRule?: { noun: string; property?: string };
  /**
   * a default that follows other answers (Mage's config keys follow the auth types): when a run derived
   * it, .yo-rc.json notes so and the next run derives it again from that run's answers; a value the user
   * set is kept as set
   */
  rederived?: boolean;
  /**
   * for a value the user set that the checks refuse, the fix an interactive run offers as a yes/no
   * question (the config keys the chosen auth types need, added to the user's); undefined when there is none
   */
  fixFor?: (profile: PartialProfile) => { question: string; value: unknown } | undefined;
}

export const dashed = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const flagOf = (field: Pick<Field, 'name'>): string => `--${dashed(field.name)}`;

/**
 * The TypeScript type of a value its JSON Schema accepts, for the keywords the field declarations use:
 * `enum`, `type` (one or several), `items`, `properties` with `required`, `allOf` (its first part gives the
 * type, the others only narrow the values). The profile types are read
 * from the fields' schemas through it (ProfileOf), so a field and its type cannot disagree.
 */
export type SchemaValue<S> = S extends { enum: readonly (infer Value)[] }
  ? Value
  : S extends { allOf: readonly [infer First, ...unknown[]] }
    ? SchemaValue<First>
    : S extends { type: 'array'; items: infer Items }
      ? SchemaValue<Items>[]
      : S extends { type: 'object'; properties: infer Properties }
        ? ObjectValue<Properties, S extends { required: readonly (infer Required)[] } ? Required : never>
        : S extends { type: infer Type }
          ? PrimitiveValue<Type extends readonly (infer One)[] ? One : Type>
          : unknown;

type PrimitiveValue<Type> = Type extends 'string' ? string : Type extends 'integer' | 'number' ? number : Type extends 'boolean' ? boolean : unknown;

type ObjectValue<Properties, Required> = Flatten<
  { -readonly [K in keyof Properties as K extends Required ? K : never]: SchemaValue<Properties[K]> } & {
    -readonly [K in keyof Properties as K extends Required ? never : K]?: SchemaValue<Properties[K]>;
  }
>;

type Flatten<T> = { [K in keyof T]: T[K] };

/** The complete profile a host's fields describe: each field's value by its name, optional where the field says so. */
export type ProfileOf<Fields extends readonly Field[]> = Flatten<
  { -readonly [F in Fields[number] as F extends { optional: true } ? never : F['name']]: SchemaValue<F['schema']> } & {
    -readonly [F in Fields[number] as F extends { optional: true } ? F['name'] : never]?: SchemaValue<F['schema']>;
  }
>;
