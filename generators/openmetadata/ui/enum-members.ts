/**
 * The member the UI's generated TypeScript gives a service type. The UI's types come from quicktype
 * (json2ts.sh), which names an enum's members from their values by its own rules: it splits a value
 * into words and upper-cases the ones it takes for acronyms, so `WarehouseDb` is `WarehouseDB` and
 * `MyApi` is `MyAPI`, and it renames a member that would clash with an earlier one. A map key the UI
 * writes must be that member, so this asks quicktype itself: quicktype-core (a pinned dependency, the
 * renderer of quicktype 15.1.0, the UI's pin, names the same; test/ui checks it against that quicktype)
 * renders the service types' enum, values in the order of the schema, and the member is read off.
 *
 * quicktype-core's API is asynchronous and the registration edits are computed synchronously (the dry
 * run, the brief and the writing all ask for them), so it runs in a child Node process; only a run whose
 * checkout has the UI's service utils gets here, once per value list.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { typescript } from './typescript.js';

/** Renders the enum read from stdin ({ name, values }) as TypeScript, printed to stdout. */
const RENDER = `
const { quicktype, InputData, JSONSchemaInput, FetchingJSONSchemaStore } = require(process.argv[1]);
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', async () => {
  const { name, values } = JSON.parse(input);
  const schema = new JSONSchemaInput(new FetchingJSONSchemaStore());
  await schema.addSource({ name, schema: JSON.stringify({ type: 'string', enum: values }) });
  const inputData = new InputData();
  inputData.addInput(schema);
  const { lines } = await quicktype({ inputData, lang: 'typescript', rendererOptions: { 'just-types': 'true' } });
  process.stdout.write(lines.join('\\n'));
});
`;

/** The `enum` declarations' members of a TypeScript text: value -> member name. */
function membersOf(text: string): Map<string, string> {
  const ts = typescript();
  const source = ts.createSourceFile('enum.ts', text, ts.ScriptTarget.Latest, true);
  const members = new Map<string, string>();
  for (const statement of source.statements.filter(ts.isEnumDeclaration))
    for (const member of statement.members)
      if (member.initializer && ts.isStringLiteral(member.initializer)) members.set(member.initializer.text, member.name.getText(source));
  return members;
}

const cache = new Map<string, string | Error>();

/**
 * The member quicktype gives `value` in an enum of `values` (the value appended when missing, as the
 * registration appends it), or an Error saying why it could not be asked.
 */
export function quicktypeEnumMember(enumName: string, values: readonly string[], value: string): string | Error {
  const all = values.includes(value) ? [...values] : [...values, value];
  const key = JSON.stringify([enumName, all, value]);
  const known = cache.get(key);
  if (known !== undefined) return known;
  // resolved, not imported, so the child loads it (knip.json lists it: it sees no import)
  const core = createRequire(import.meta.url).resolve('quicktype-core');
  const run = spawnSync(process.execPath, ['-e', RENDER, core], { input: JSON.stringify({ name: enumName, values: all }), encoding: 'utf8' });
  const member =
    run.status === 0
      ? (membersOf(run.stdout).get(value) ?? new Error(`quicktype gave ${value} no member`))
      : new Error(`quicktype-core failed: ${run.error?.message ?? run.stderr.trim()}`);
  cache.set(key, member);
  return member;
}
