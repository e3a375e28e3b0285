/**
 * The connection form as the OpenMetadata UI shows it: every matrix case's connection schema, dereferenced
 * as the UI's parseSchemas.js does, rendered by @rjsf/core 5.24.13 (its default theme, without the UI's
 * own widgets and uiSchema) with @rjsf/validator-ajv8 in Debian's headless Chromium. A case is rendered
 * once per release whose output differs (generated-cases.ts). A screenshot of each form, filled with the example
 * config, lands in test-output/ui/<releases>/<case>.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CASES } from '../openmetadata/matrix.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { openFormBrowser, renderForm, type FormBrowser } from './form/browser.js';
import {
  authSelectorProblems,
  defaultPortProblems,
  hasAuthSelector,
  maskingProblems,
  missingFields,
  submitProblems,
  type Schema,
} from './form/checks.js';
import { dereferencedSchema } from './form/dereference.js';
import { caseLabel, generatedCases, type GeneratedCase } from './generated-cases.js';
import { requireUiTools } from './ui-tools.js';

/** Where the screenshots go (gitignored); docs/ keeps one. */
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output/ui');

interface CaseForm {
  generated: GeneratedCase;
  schema: Schema;
}

const label = (form: CaseForm): string => caseLabel(form.generated);
const problemsMessage = (form: CaseForm, problems: string[]): string => `${label(form)}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`;

/** Each generated case's form (generatedCases already judges a release once where it changes nothing here). */
async function caseForms(toolsFolder: string): Promise<CaseForm[]> {
  const forms: CaseForm[] = [];
  for (const generated of await generatedCases())
    forms.push({ generated, schema: await dereferencedSchema(toolsFolder, generated.schemaRoot, generated.schemaFile) });
  return forms;
}

describe('The connection form in Chromium (@rjsf 5.24.13, the schema dereferenced as the OpenMetadata UI does)', function () {
  let browser: FormBrowser | undefined;
  let forms: CaseForm[] = [];
  const page = () => browser!.page;
  const formsOf = (id: string): CaseForm[] => {
    const found = forms.filter((f) => f.generated.id === id);
    assert.ok(found.length > 0, `no generated case ${id}`);
    return found;
  };

  before(async function () {
    this.timeout(240_000);
    const tools = requireUiTools(this);
    forms = await caseForms(tools.folder);
    browser = await openFormBrowser(tools);
  });

  after(async function () {
    await browser?.close();
  });

  for (const c of CASES) {
    describe(c.id, function () {
      it('has a visible field for each top-level property of the schema', async function () {
        for (const form of formsOf(c.id)) {
          const problems = await missingFields(page(), { schema: form.schema });
          assert.deepEqual(problems, [], problemsMessage(form, problems));
        }
      });

      it('offers each auth type in the auth-type selector, and choosing one shows its fields (where the schema has a selector)', async function () {
        for (const form of formsOf(c.id)) {
          if (!hasAuthSelector(form.schema)) {
            // the auth types of a non-database connection, and token and OAuth, are top-level fields: the field check covers them
            await renderForm(page(), { schema: form.schema });
            const selectors = await page().locator('[id="root_authType__oneof_select"]').count();
            assert.equal(selectors, 0, `${label(form)}: a selector without an authType oneOf`);
            continue;
          }
          const problems = await authSelectorProblems(page(), { schema: form.schema });
          assert.deepEqual(problems, [], problemsMessage(form, problems));
        }
      });

      it('masks every password (input type=password), with each auth type chosen', async function () {
        for (const form of formsOf(c.id)) {
          const { problems, checked } = await maskingProblems(page(), { schema: form.schema });
          assert.deepEqual(problems, [], problemsMessage(form, problems));
          assert.ok(checked.length > 0, `${label(form)}: no password field at all`);
        }
      });

      it('shows the default port of the profile in the address field (none when the profile names no port)', async function () {
        for (const form of formsOf(c.id)) {
          const problems = await defaultPortProblems(page(), { schema: form.schema }, form.generated.profile.defaultPort);
          assert.deepEqual(problems, [], problemsMessage(form, problems));
        }
      });

      it('accepts the example workflow’s config on submit', async function () {
        for (const form of formsOf(c.id)) {
          const config = form.generated.exampleConfig;
          assert.ok(config, `${label(form)}: the example workflow has no serviceConnection.config`);
          // the screenshot: the form as a user meets it, filled with the example config
          await renderForm(page(), { schema: form.schema, formData: config });
          const folder = path.join(SCREENSHOTS, form.generated.releases.join('+'));
          mkdirSync(folder, { recursive: true });
          await page().screenshot({ path: path.join(folder, `${c.id}.png`), fullPage: true });
          const problems = await submitProblems(page(), { schema: form.schema, formData: config });
          assert.deepEqual(problems, [], problemsMessage(form, problems));
        }
      });
    });
  }

  describe('each check fails on a broken form (database-sqlalchemy-everything)', function () {
    const everything = (): CaseForm => formsOf('database-sqlalchemy-everything')[0]!;
    /** A deep copy of the case's schema, edited. */
    const broken = (edit: (schema: Schema) => void): Schema => {
      const schema = structuredClone(everything().schema);
      edit(schema);
      return schema;
    };
    const property = (schema: Schema, ...keys: string[]): Schema =>
      keys.reduce<Schema>((node, key) => (node as Record<string, Schema>)[key]!, schema.properties as Schema);

    it('a field per property: a property whose field is hidden', async function () {
      const problems = await missingFields(page(), { schema: everything().schema, uiSchema: { username: { 'ui:widget': 'hidden' } } });
      assert.deepEqual(problems, ['property username: no visible field #root_username']);
    });

    it('the auth-type selector: an auth type without a title, and one whose field does not show', async function () {
      const untitled = broken((schema) => delete property(schema, 'authType', 'oneOf', '3').title);
      assert.match(
        (await authSelectorProblems(page(), { schema: untitled })).join('\n'),
        /the selector offers .*"Auth Configuration Type option 4".*\(option 4 has no title\)/,
      );
      const hidden = await authSelectorProblems(page(), {
        schema: everything().schema,
        uiSchema: { authType: { password: { 'ui:widget': 'hidden' } } },
      });
      assert.deepEqual(hidden, ['Basic Auth chosen: its field password is not shown']);
    });

    it('masking: a secret without format password, at the top and in an auth type, and a password shown as text', async function () {
      const unformatted = broken((schema) => {
        delete property(schema, 'clientSecret').format;
        delete property(schema, 'authType', 'oneOf', '0', 'properties', 'password').format;
      });
      const { problems } = await maskingProblems(page(), { schema: unformatted });
      assert.deepEqual(
        problems.map((p) => p.split(':')[0]),
        ['root_authType_password', 'root_clientSecret'],
      );
      const asText = await maskingProblems(page(), { schema: everything().schema, uiSchema: { token: { 'ui:widget': 'text' } } });
      assert.deepEqual(
        asText.problems.map((p) => p.split(':')[0]),
        ['root_token'],
      );
    });

    it('the default port: no default, a default on another port, a field that does not show it', async function () {
      const port = everything().generated.profile.defaultPort;
      assert.equal(port, 5439);
      const none = broken((schema) => delete property(schema, 'hostPort').default);
      assert.match((await defaultPortProblems(page(), { schema: none }, port)).join(), /carries no default/);
      const other = broken((schema) => (property(schema, 'hostPort').default = 'localhost:5432'));
      assert.match((await defaultPortProblems(page(), { schema: other }, port)).join(), /not on the profile's port 5439/);
      const notShown = await defaultPortProblems(page(), { schema: everything().schema, formData: { hostPort: '' } }, port);
      assert.match(notShown.join(), /shows "", not the default localhost:5439/);
    });

    it('submit: a config without a required field, and one with a wrong type (database-sqlalchemy-metadata, whose example passes)', async function () {
      const metadata = formsOf('database-sqlalchemy-metadata')[0]!;
      const config = metadata.generated.exampleConfig!;
      assert.deepEqual(await submitProblems(page(), { schema: metadata.schema, formData: config }), []);
      const withoutUsername = Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'username'));
      assert.deepEqual(await submitProblems(page(), { schema: metadata.schema, formData: withoutUsername }), [
        "error on submit: must have required property 'Username'",
      ]);
      const wrongType = await submitProblems(page(), { schema: metadata.schema, formData: { ...config, hostPort: 5432 } });
      assert.deepEqual(wrongType, ["error on submit: 'Host and Port' must be string"]);
    });

    it("submit: upstream's sample data storage saves only with OpenMetadata Storage chosen inside it (database-sqlalchemy-profiler)", async function () {
      const profiler = formsOf('database-sqlalchemy-profiler')[0]!;
      const config = profiler.generated.exampleConfig!;
      assert.deepEqual(await submitProblems(page(), { schema: profiler.schema, formData: config }), []);
      // "No Sample Data Storage Config" gives {}, which both options of the oneOf accept
      const noStorage = await submitProblems(page(), { schema: profiler.schema, formData: { ...config, sampleDataStorageConfig: { config: {} } } });
      assert.deepEqual(noStorage, ['error on submit: .sampleDataStorageConfig.config must match exactly one schema in oneOf']);
      // left on its first option with its defaults, the storage config's AWS credentials want a region
      const s3 = { config: { storageConfig: { assumeRoleSessionName: 'OpenMetadataSession' } } };
      const withS3 = await submitProblems(page(), { schema: profiler.schema, formData: { ...config, sampleDataStorageConfig: s3 } });
      assert.ok(withS3.includes("error on submit: must have required property 'AWS Region'"), withS3.join('\n'));
    });
  });
});
