/**
 * The UI's TypeScript types of a generated connector, as a specification (npm run test:ui). For every
 * case of the matrix, on each release where the schema closure differs (generated-cases.ts):
 * - quicktype at the UI's pin, run as json2ts-generate-all.sh runs it (every schema file copied with the
 *   `https://open-metadata.org/schema` prefix of its `$id` stripped, then `quicktype -s schema <file>
 *   -o <name>.ts --just-types`), turns the connection schema into an interface with one field per
 *   property, optional exactly where the schema does not require it;
 * - `tsc --noEmit --strict` finds no error in what it wrote;
 * - the service-type enum quicktype makes of the edited service schema's (databaseService.json...) has
 *   a member for the new type, and that member is the one the UI registration wrote into the category's
 *   service utils (quicktype upper-cases words it takes for acronyms: `Db` becomes `DB`), and the edited
 *   service utils and ServiceIconUtils.ts type-check in isolation with that member in the enum;
 * - the connection guide has a section per field the form shows (test/openmetadata/ui/connection-guide.ts).
 * Pending without the UI's tools (test/ui/ui-tools.ts), failing under CI=true.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { uiFiles } from '../../generators/openmetadata/ui/index.js';
import { hostCheckout, requireFixtures, REPO_ROOT } from '../support/fixtures.js';
import { tempDir } from '../support/generate.js';
import { CASES } from '../openmetadata/matrix.js';
import { caseLabel, generatedCases, UI_UTILS, type GeneratedCase } from './generated-cases.js';
import { guideProblems, type GuideSchema } from '../openmetadata/ui/connection-guide.js';
import { typeCheckInIsolation, type UiFile } from '../openmetadata/ui-typecheck.js';
import { FILES, openMetadataFile } from '../../generators/openmetadata/plan.js';
import { requireUiTools, type UiTools } from './ui-tools.js';

const ID_PREFIX = /^https:\/\/open-metadata\.org\/schema/i;

/** json2ts-generate-all.sh's first pass: every schema file of `schemaRoot` copied into `dir` with its `$id` prefix stripped. */
function strippedSchemas(schemaRoot: string, dir: string): void {
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(schemaRoot, rel))) {
      const file = path.join(rel, entry);
      if (statSync(path.join(schemaRoot, file)).isDirectory()) walk(file);
      else if (entry.endsWith('.json')) {
        const schema = JSON.parse(readFileSync(path.join(schemaRoot, file), 'utf8')) as { $id?: unknown };
        if (typeof schema.$id === 'string') schema.$id = schema.$id.replace(ID_PREFIX, '');
        mkdirSync(path.join(dir, rel), { recursive: true });
        writeFileSync(path.join(dir, file), JSON.stringify(schema, null, 2));
      }
    }
  };
  walk('');
}

/** quicktype on one stripped schema file, as json2ts does it: the output is named after the schema. */
function quicktype(tools: UiTools, schema: string, outDir: string): { file: string; text: string } {
  const file = path.join(outDir, `${path.basename(schema, '.json')}.ts`);
  const run = spawnSync(tools.bin('quicktype'), ['-s', 'schema', schema, '-o', file, '--just-types'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `quicktype failed on ${schema}:\n${run.stderr}`);
  return { file, text: readFileSync(file, 'utf8') };
}

/** `tsc --noEmit --strict` of the files (the repository's TypeScript, the UI's range ^5): its diagnostics per file. */
function strictTypeCheck(files: string[]): Map<string, string[]> {
  const tsc = path.join(REPO_ROOT, 'node_modules/.bin/tsc');
  // run outside the repository: its node_modules/@types are no part of the UI's types
  const run = spawnSync(tsc, ['--noEmit', '--strict', '--target', 'es2020', '--pretty', 'false', ...files], { encoding: 'utf8', cwd: os.tmpdir() });
  const byFile = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const file = /^(.+?)\(\d+,\d+\): error/.exec(line)?.[1];
    if (file) byFile.get(path.resolve(os.tmpdir(), file))?.push(line);
  }
  if (run.status !== 0 && [...byFile.values()].every((d) => d.length === 0)) throw new Error(`tsc failed: ${run.stdout}${run.stderr}`);
  return byFile;
}

/** The members of the first exported interface (quicktype's top-level type): name -> optional. */
function topInterfaceFields(text: string): Map<string, boolean> {
  const source = ts.createSourceFile('types.ts', text, ts.ScriptTarget.Latest, true);
  const top = source.statements.find(ts.isInterfaceDeclaration);
  assert.ok(top, 'quicktype wrote no interface');
  const fields = new Map<string, boolean>();
  for (const member of top.members) if (ts.isPropertySignature(member)) fields.set(member.name.getText(source), member.questionToken !== undefined);
  return fields;
}

/**
 * The service schema's enum of service types, alone: the fixtures hold the $ref closure of connection
 * schemas, not of the whole service entity. quicktype names an enum's members from its values only, so
 * the enum alone gets the members it gets inside the service types.
 */
function serviceTypeEnum(c: GeneratedCase, dir: string): string {
  const schema = JSON.parse(readFileSync(path.join(c.schemaRoot, `entity/services/${c.serviceType}Service.json`), 'utf8')) as {
    definitions: Record<string, { enum?: unknown[] }>;
  };
  const found = Object.entries(schema.definitions).find(([, d]) => d.enum?.includes(c.typeValue));
  assert.ok(found, `${caseLabel(c)}: no enum of ${c.serviceType}Service.json has ${c.typeValue}`);
  const [name, definition] = found;
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...definition, title: name }));
  return file;
}

/** The member of an enum of `text` whose value is `value`, as `Enum.Member`. */
function enumMemberOf(text: string, value: string): string | undefined {
  const source = ts.createSourceFile('types.ts', text, ts.ScriptTarget.Latest, true);
  for (const statement of source.statements.filter(ts.isEnumDeclaration))
    for (const member of statement.members)
      if (member.initializer && ts.isStringLiteral(member.initializer) && member.initializer.text === value)
        return `${statement.name.text}.${member.name.getText(source)}`;
  return undefined;
}

/** The UI files as the run edited them and as the fixtures have them, relative to the UI's src/. */
function editedUiFiles(c: GeneratedCase, files: string[]): [UiFile[], UiFile[]] {
  const src = path.posix.dirname(UI_UTILS);
  const ofRoot = (root: string): UiFile[] => files.map((f) => ({ rel: path.posix.relative(src, f), text: readFileSync(path.join(root, f), 'utf8') }));
  return [ofRoot(c.root), ofRoot(hostCheckout('openmetadata').root)];
}

interface Typed {
  c: GeneratedCase;
  connection: { file: string; text: string };
  service: { file: string; text: string };
}

describe('UI layer: the TypeScript types quicktype makes of a generated connection, and the UI files the run wrote', function () {
  let tools: UiTools;
  const typed: Typed[] = [];
  let diagnostics = new Map<string, string[]>();

  before(async function () {
    requireFixtures(this, 'openmetadata');
    tools = requireUiTools(this);
    for (const c of await generatedCases()) {
      const stripped = tempDir('connector-json2ts-');
      strippedSchemas(c.schemaRoot, stripped);
      const out = path.join(tempDir('connector-json2ts-out-'), c.id);
      mkdirSync(out, { recursive: true });
      typed.push({
        c,
        connection: quicktype(tools, path.join(stripped, c.schemaFile), out),
        service: quicktype(tools, serviceTypeEnum(c, stripped), out),
      });
    }
    diagnostics = strictTypeCheck(typed.flatMap((t) => [t.connection.file, t.service.file]));
  });

  /** What is wrong with one generated case's types: fields, strict type errors, the enum member the UI uses. */
  function problemsOf({ c, connection, service }: Typed): string[] {
    const schema = JSON.parse(readFileSync(path.join(c.schemaRoot, c.schemaFile), 'utf8')) as GuideSchema & { required?: string[] };
    const fields = topInterfaceFields(connection.text);
    const wrongFields = Object.keys(schema.properties)
      .filter((p) => fields.get(p) !== !(schema.required ?? []).includes(p))
      .map((p) => `${p} is ${fields.has(p) ? (fields.get(p) ? 'optional' : 'required') : 'missing'} in the types`);
    const typeErrors = [connection.file, service.file].flatMap((f) => diagnostics.get(f) ?? []);
    const member = enumMemberOf(service.text, c.typeValue);
    const { serviceUtils, serviceIcons } = uiFiles(c.profile);
    const utils = readFileSync(path.join(c.root, serviceUtils), 'utf8');
    const memberProblems = !member
      ? [`no enum member has the value ${c.typeValue}`]
      : [
          ...(utils.includes(`[${member}]:`) ? [] : [`the service utils do not use ${member}`]),
          ...typeCheckInIsolation(...editedUiFiles(c, [serviceUtils, serviceIcons]), [member.slice(member.indexOf('.') + 1)]),
        ];
    const guide = readFileSync(path.join(c.root, openMetadataFile(c.profile, FILES.connectionGuide)), 'utf8');
    return [...wrongFields, ...typeErrors, ...memberProblems, ...guideProblems(schema, guide)].map((p) => `${caseLabel(c)}: ${p}`);
  }

  describe('per case: the types have one field per property (optional where not required) and pass tsc --strict; the UI edits name the type as quicktype does and type-check; the guide explains every field', function () {
    for (const matrixCase of CASES) {
      it(matrixCase.id, function () {
        const ofCase = typed.filter((t) => t.c.id === matrixCase.id);
        assert.ok(ofCase.length > 0, `${matrixCase.id} was not generated`);
        assert.deepEqual(ofCase.flatMap(problemsOf), []);
      });
    }
  });

  it('the checks can fail: a type error, a field quicktype made required, a member the UI spells otherwise, a section missing', function () {
    const first = typed[0]!;
    const broken = (name: string, text: string): string => {
      const file = path.join(tempDir('connector-json2ts-broken-'), name);
      writeFileSync(file, text);
      return file;
    };
    const badTypes = broken('types.ts', `${first.connection.text}\nexport const port: number = "5432";\n`);
    diagnostics = new Map([...diagnostics, ...strictTypeCheck([badTypes])]);
    const optional = /^( +)(\w+)\?:/m.exec(first.connection.text)!;
    const required = first.connection.text.replace(optional[0], `${optional[1]}${optional[2]}:`);
    const otherMember = first.service.text
      .replace(/(\w+)( = "[^"]+")/, 'Renamed$2')
      .replace(new RegExp(` = "${first.c.typeValue}"`), ' = "Elsewhere"');
    const variants: Typed[] = [
      { ...first, connection: { file: badTypes, text: first.connection.text } },
      { ...first, connection: { ...first.connection, text: required } },
      { ...first, service: { ...first.service, text: otherMember } },
    ];
    for (const variant of variants) assert.notDeepEqual(problemsOf(variant), [], 'a broken input passed');
    const schema = JSON.parse(readFileSync(path.join(first.c.schemaRoot, first.c.schemaFile), 'utf8')) as GuideSchema;
    const guide = readFileSync(path.join(first.c.root, openMetadataFile(first.c.profile, FILES.connectionGuide)), 'utf8');
    assert.notDeepEqual(guideProblems(schema, guide.replace(/\$\$section\n[\s\S]*?\n\$\$\n/, '')), [], 'a guide without its first section passed');
  });
});
