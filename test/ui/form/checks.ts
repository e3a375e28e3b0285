/**
 * The checks of the connection form, each rendering what it needs and returning what is wrong (empty when
 * the form is right), so a spec can assert them on the generated schemas and on broken ones alike.
 *
 * Ids are RJSF's defaults: a property `key` of the root is `root_key`, a property of a oneOf option of
 * `key` is `root_key_prop`, and the option selector of `key` is `root_key__oneof_select`.
 */
import { renderForm, submitForm, type FormInput, type Page } from './browser.js';

export type Schema = Record<string, unknown>;

const isRecord = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const propertiesOf = (schema: Schema): Record<string, Schema> => (isRecord(schema.properties) ? (schema.properties as Record<string, Schema>) : {});
const optionsOf = (schema: Schema): Schema[] => (Array.isArray(schema.oneOf) ? schema.oneOf.filter(isRecord) : []);
const byId = (id: string): string => `[id="${id}"]`;

async function visible(page: Page, id: string): Promise<boolean> {
  const found = page.locator(byId(id));
  return (await found.count()) === 1 && (await found.isVisible());
}

/** Each top-level property has a visible field. */
export async function missingFields(page: Page, input: FormInput): Promise<string[]> {
  await renderForm(page, input);
  const problems: string[] = [];
  for (const key of Object.keys(propertiesOf(input.schema))) {
    if (!(await visible(page, `root_${key}`))) problems.push(`property ${key}: no visible field #root_${key}`);
  }
  return problems;
}

/** The property holding the auth types, as the generator writes it for a database. */
export const AUTH_PROPERTY = 'authType';

/** Whether the schema gives the auth types as a selector (a oneOf property), which only database connections do. */
export const hasAuthSelector = (schema: Schema): boolean => optionsOf(propertiesOf(schema)[AUTH_PROPERTY] ?? {}).length > 0;

/**
 * The auth-type selector offers each option by its title, and choosing one shows the fields of that
 * option and none of the fields only other options have.
 */
export async function authSelectorProblems(page: Page, input: FormInput): Promise<string[]> {
  const options = optionsOf(propertiesOf(input.schema)[AUTH_PROPERTY] ?? {});
  if (options.length === 0) return [`no ${AUTH_PROPERTY} oneOf in the schema`];
  await renderForm(page, input);
  const selector = page.locator(byId(`root_${AUTH_PROPERTY}__oneof_select`));
  if ((await selector.count()) !== 1) return [`no auth-type selector #root_${AUTH_PROPERTY}__oneof_select`];
  const problems: string[] = [];
  const offered = (await page.locator(`${byId(`root_${AUTH_PROPERTY}__oneof_select`)} option`).allTextContents()).map((t) => t.trim());
  const titles = options.map((o, i) => (typeof o.title === 'string' ? o.title : `(option ${i + 1} has no title)`));
  if (JSON.stringify(offered) !== JSON.stringify(titles))
    problems.push(`the selector offers ${JSON.stringify(offered)}, the auth types are ${JSON.stringify(titles)}`);
  for (const [index, option] of options.entries()) {
    await selector.selectOption({ index });
    const own = Object.keys(propertiesOf(option));
    for (const field of own) {
      if (!(await visible(page, `root_${AUTH_PROPERTY}_${field}`))) problems.push(`${titles[index]} chosen: its field ${field} is not shown`);
    }
    const others = options.flatMap((o) => Object.keys(propertiesOf(o))).filter((field) => !own.includes(field));
    for (const field of new Set(others)) {
      if ((await page.locator(byId(`root_${AUTH_PROPERTY}_${field}`)).count()) > 0)
        problems.push(`${titles[index]} chosen: ${field} of another auth type is still shown`);
    }
  }
  return problems;
}

/** Field names that hold a secret, whatever their schema says: each must be masked. */
const SECRET_NAME = /(password|secret|token|jwt)$/i;
/**
 * Secret-named fields of OpenMetadata's own schemas that upstream leaves unmasked (no format: password):
 * awsCredentials.json's awsSessionToken. They are upstream's, not the generator's, and not held against it.
 */
const UPSTREAM_UNMASKED = new Set(['awsSessionToken']);

interface RenderedField {
  id: string;
  name: string;
  schema: Schema;
}

/** The fields the form renders now: object properties at any depth, into the option each oneOf selector shows. */
async function renderedFields(page: Page, schema: Schema, id = 'root'): Promise<RenderedField[]> {
  const fields: RenderedField[] = [];
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    const fieldId = `${id}_${name}`;
    fields.push({ id: fieldId, name, schema: property });
    fields.push(...(await renderedFields(page, property, fieldId)));
    const options = optionsOf(property);
    if (options.length === 0) continue;
    const selector = page.locator(byId(`${fieldId}__oneof_select`));
    const index = (await selector.count()) === 1 ? Number(await selector.inputValue()) : 0;
    if (options[index]) fields.push(...(await renderedFields(page, options[index], fieldId)));
  }
  return fields;
}

/** Every password (format: password, or a secret by its name) is an input of type password, with each auth type chosen. */
export async function maskingProblems(page: Page, input: FormInput): Promise<{ problems: string[]; checked: string[] }> {
  await renderForm(page, input);
  const problems: string[] = [];
  const checked = new Set<string>();
  const choices = hasAuthSelector(input.schema) ? optionsOf(propertiesOf(input.schema)[AUTH_PROPERTY]!).length : 1;
  for (let index = 0; index < choices; index += 1) {
    if (hasAuthSelector(input.schema)) await page.locator(byId(`root_${AUTH_PROPERTY}__oneof_select`)).selectOption({ index });
    for (const field of await renderedFields(page, input.schema)) {
      const secret = field.schema.format === 'password' || (SECRET_NAME.test(field.name) && !UPSTREAM_UNMASKED.has(field.name));
      if (!secret || field.schema.type !== 'string' || checked.has(field.id)) continue;
      checked.add(field.id);
      const element = page.locator(byId(field.id));
      const type = (await element.count()) === 1 ? await element.getAttribute('type') : '(no input)';
      if (type !== 'password')
        problems.push(`${field.id}: a secret shown as ${type ?? 'an input without type'}, not masked (format: ${String(field.schema.format)})`);
    }
  }
  return { problems, checked: [...checked] };
}

/** The field of the connection's address: hostPort, or bootstrapServers for a messaging service. */
export const HOST_FIELDS = ['hostPort', 'bootstrapServers'];

/**
 * The default of the address field, when the profile names a port: the schema carries it (with that
 * port) and the empty form shows it. Without a port in the profile the schema carries none.
 */
export async function defaultPortProblems(page: Page, input: FormInput, defaultPort: number | undefined): Promise<string[]> {
  const properties = propertiesOf(input.schema);
  const key = HOST_FIELDS.find((name) => name in properties);
  if (!key) return [`no address field (${HOST_FIELDS.join(' or ')})`];
  const declared = properties[key]!.default;
  if (defaultPort === undefined)
    return declared === undefined ? [] : [`${key} has a default (${JSON.stringify(declared)}) though the profile names no port`];
  if (typeof declared !== 'string') return [`${key} carries no default: the profile's port ${defaultPort} does not show`];
  if (!declared.endsWith(`:${defaultPort}`)) return [`${key}'s default ${declared} is not on the profile's port ${defaultPort}`];
  await renderForm(page, input);
  const shown = await page.locator(byId(`root_${key}`)).inputValue();
  return shown === declared ? [] : [`#root_${key} shows ${JSON.stringify(shown)}, not the default ${declared}`];
}

/** An option a user picks to use none of a config: an object that allows no property (upstream's "No ... Config"). */
const isEmptyOption = (option: Schema): boolean =>
  option.type === 'object' && Object.keys(propertiesOf(option)).length === 0 && option.additionalProperties === false;

/** Whether an object holds, at any depth, a oneOf with an empty option. */
const hasEmptyChoiceInside = (schema: Schema): boolean =>
  Object.values(propertiesOf(schema)).some((p) => optionsOf(p).some(isEmptyOption) || hasEmptyChoiceInside(p));

/**
 * Sets, as a user who uses none of it does, every oneOf the config leaves unset: the innermost choice is made.
 * The form starts on a oneOf's first option; when that option holds a oneOf of its own with an empty option,
 * the user stays on it and decides inside, else picks the oneOf's own empty option. Upstream's
 * sampleDataStorageConfig needs it so: the form fills the first option's storage config with defaults, whose
 * awsCredentials then want a region; "OpenMetadata Storage" inside it saves, while "No Sample Data Storage
 * Config" cannot: its {} matches both options of that oneOf (connectionBasicType.json, as mysql uses it).
 */
async function chooseEmptyOptionsOfUnset(page: Page, schema: Schema, data: unknown, id = 'root'): Promise<void> {
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    const value = isRecord(data) ? data[name] : undefined;
    const fieldId = `${id}_${name}`;
    const [first] = optionsOf(property);
    if (!first || value !== undefined) await chooseEmptyOptionsOfUnset(page, property, value, fieldId);
    // a oneOf option's fields have the ids of the oneOf's own
    else if (hasEmptyChoiceInside(first)) await chooseEmptyOptionsOfUnset(page, first, undefined, fieldId);
    else {
      const empty = optionsOf(property).findIndex(isEmptyOption);
      if (empty >= 0) await page.locator(byId(`${fieldId}__oneof_select`)).selectOption({ index: empty });
    }
  }
}

/**
 * Submitting the form with `formData` reaches onSubmit and shows no error; a oneOf the config leaves unset is
 * first set to its empty option, when it has one (chooseEmptyOptionsOfUnset).
 */
export async function submitProblems(page: Page, input: FormInput): Promise<string[]> {
  await renderForm(page, input);
  await chooseEmptyOptionsOfUnset(page, input.schema, input.formData);
  const outcome = await submitForm(page);
  const problems = outcome.submitted ? [] : outcome.errors.map((e) => `error on submit: ${e}`);
  const shown = await page.locator('.error-detail li, .panel-danger.errors li').allTextContents();
  if (outcome.submitted && shown.length > 0) problems.push(`onSubmit reached but the form shows errors: ${shown.join('; ')}`);
  return problems;
}
