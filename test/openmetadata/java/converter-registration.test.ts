/**
 * Server-side typing of a connection's oneOf fields, as a specification. jsonschema2pojo makes
 * authType (and sslConfig, a $ref to a oneOf) an Object; OpenMetadata's ClassConverterFactory types
 * it again so that its secrets are masked and stored. In a checkout whose factory has
 * NESTED_CONFIG_CONVERTERS, the generator adds the connector's entry there (field -> candidate
 * classes, read from the schemas' javaType), its imports, and the class to ClassConverterFactoryTest;
 * lines are only inserted, in google-java-format's layout; a second run changes nothing; a factory
 * of another shape is skipped with the reason. In a checkout whose factory has only the plain
 * converterMap, a <Name>ConnectionClassConverter.java is generated (a planned file) and its Map.entry
 * added instead. The Java layer (npm run test:java) compiles and runs it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffArrays } from 'diff';
import { fixturePath, requireFixtures } from '../../support/fixtures.js';
import { diffTrees, isEmptyDiff, runBin, runGenerator, snapshotTree } from '../../support/generate.js';
import { flagsOf } from '../../support/hosts.js';
import { layout, type JavaExpr } from '../../../generators/openmetadata/java/java-layout.js';
import { converterCheckout, converterPaths, CONVERTER_FIXTURES, FACTORY, FACTORY_TEST } from './support.js';
import { FILES, openMetadataPlan } from '../../../generators/openmetadata/plan.js';
import { plannedFile } from '../../../core/file-plan.js';
import { withDefaults } from '../../../core/profile/compose.js';
import { openMetadataSpec, type OpenMetadataProfile } from '../../../generators/openmetadata/profile/spec.js';

/** The database connector of these specs: three auth types, so authType has three candidates. */
export const WAREHOUSE = {
  name: 'warehouse_db',
  serviceType: 'database',
  connectionType: 'sqlalchemy',
  scheme: 'warehouse+pywarehouse',
  authTypes: ['basic', 'iam', 'azure'],
};

const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');
const BRIEF_FILE = 'ingestion/src/metadata/ingestion/source/database/warehousedb/CONNECTOR_CONTEXT.md';

/** The lines of `after` that `before` lacks, when `after` is `before` with lines inserted only (else fails). */
function insertedLines(before: string, after: string): string[] {
  const parts = diffArrays(before.split('\n'), after.split('\n'));
  assert.deepEqual(
    parts.filter((p) => p.removed).flatMap((p) => p.value),
    [],
    'lines of the original were changed',
  );
  return parts.filter((p) => p.added).flatMap((p) => p.value);
}

describe('OpenMetadata generator: the converter of oneOf fields in ClassConverterFactory', function () {
  before(function () {
    for (const inside of CONVERTER_FIXTURES) requireFixtures(this, `openmetadata/${inside}`);
  });

  describe('a database connector with basic, IAM and Azure auth, in a factory with NESTED_CONFIG_CONVERTERS', function () {
    let root = '';
    let factoryBefore = '';
    let testBefore = '';

    before(async function () {
      root = converterCheckout();
      factoryBefore = read(root, FACTORY);
      testBefore = read(root, FACTORY_TEST);
      await runGenerator('openmetadata', WAREHOUSE, { cwd: root });
    });

    it('adds the entry, typing authType and sslConfig, and its imports, changing nothing else', function () {
      const after = read(root, FACTORY);
      const imports = [
        'import org.openmetadata.schema.services.connections.database.WarehouseDbConnection;',
        'import org.openmetadata.schema.services.connections.database.common.IamAuthConfig;',
      ];
      const entry = [
        '          Map.entry(',
        '              WarehouseDbConnection.class,',
        '              new NestedConfigClassConverter(',
        '                  WarehouseDbConnection.class,',
        '                  Map.of(',
        '                      "authType",',
        '                          List.of(',
        '                              basicAuth.class,',
        '                              IamAuthConfig.class,',
        // the factory imports the Power BI AzureConfig: this one keeps its package
        '                              org.openmetadata.schema.services.connections.database.common',
        '                                  .AzureConfig.class),',
        '                      "sslConfig", List.of(ValidateSSLClientConfig.class)))));',
      ];
      // the last entry: it closes the map, and the one before it gets its comma
      assert.ok(after.includes(`ValidateSSLClientConfig.class)))),\n${entry.join('\n')}\n`), after);
      // nothing else changed: without the new lines (and that comma) it is the original, byte for byte
      const undone = imports.reduce((text, line) => text.replace(`${line}\n`, ''), after).replace(`)))),\n${entry.join('\n')}\n`, ')))));\n');
      assert.equal(undone, factoryBefore);
      // google-java-format keeps imports in ASCII order: the new ones sit in their places
      const importLines = after.split('\n').filter((l) => l.startsWith('import '));
      assert.deepEqual(importLines, [...importLines].sort());
    });

    it('puts the entry in the ASCII order of the class names the map keeps', function () {
      const text = read(root, FACTORY);
      const nested = text.slice(text.indexOf('NESTED_CONFIG_CONVERTERS ='), text.indexOf('static {'));
      const names = [...nested.matchAll(/Map\.entry\(\n *(\w+)\.class,/g)].map((m) => m[1]!);
      assert.deepEqual(names, [...names].sort());
      // the last one: it closes Map.ofEntries( and the statement
      assert.equal(names.at(-1), 'WarehouseDbConnection');
      assert.match(nested, /"sslConfig", List\.of\(ValidateSSLClientConfig\.class\)\)\)\)\);\n\n/);
    });

    it('adds the class to the list ClassConverterFactoryTest checks', function () {
      const after = read(root, FACTORY_TEST);
      const importLines = after.split('\n').filter((l) => l.startsWith('import org.'));
      assert.deepEqual(importLines, [...importLines].sort());
      assert.deepEqual(insertedLines(testBefore, after), [
        'import org.openmetadata.schema.services.connections.database.WarehouseDbConnection;',
        '        WarehouseDbConnection.class,',
      ]);
    });

    it('changes nothing on a second run', async function () {
      const snapshot = snapshotTree(root);
      await runGenerator('openmetadata', WAREHOUSE, { cwd: root });
      const diff = diffTrees(snapshot, snapshotTree(root));
      assert.ok(isEmptyDiff(diff), JSON.stringify(diff));
    });
  });

  it('puts an entry that sorts inside the map before the first greater class name, with its comma', async function () {
    const root = converterCheckout();
    await runGenerator('openmetadata', { ...WAREHOUSE, name: 'ledger_db', authTypes: ['basic'] }, { cwd: root });
    const text = read(root, FACTORY);
    const expected = [
      '          Map.entry(',
      '              LedgerDbConnection.class,',
      '              new NestedConfigClassConverter(',
      '                  LedgerDbConnection.class,',
      '                  Map.of(',
      '                      "authType", List.of(basicAuth.class),',
      '                      "sslConfig", List.of(ValidateSSLClientConfig.class)))),',
      '          Map.entry(',
      '              MatillionETLAuth.class,',
    ].join('\n');
    assert.ok(
      text.includes(
        `"consumerConfigSSL", List.of(ValidateSSLClientConfig.class),\n                      "schemaRegistrySSL", List.of(ValidateSSLClientConfig.class)))),\n${expected}\n`,
      ),
      text,
    );
  });

  it('adds no entry for a connection without oneOf fields (a REST dashboard)', async function () {
    const root = converterCheckout();
    const before = read(root, FACTORY);
    await runGenerator('openmetadata', { name: 'bi_tool', serviceType: 'dashboard' }, { cwd: root });
    assert.equal(read(root, FACTORY), before);
  });

  it('skips a factory of an unknown shape, leaving it untouched, and says why in the brief; no converter class is planned', async function () {
    const root = converterCheckout();
    // neither form the edit knows: every map is built with another call
    const unknown = read(root, FACTORY).replaceAll('Map.ofEntries(', 'ImmutableMap.ofEntries(');
    writeFileSync(path.join(root, FACTORY), unknown);
    const testBefore = read(root, FACTORY_TEST);
    await runGenerator('openmetadata', WAREHOUSE, { cwd: root });
    assert.equal(read(root, FACTORY), unknown);
    assert.equal(read(root, FACTORY_TEST), testBefore);
    assert.ok(!existsSync(path.join(root, converterPaths().folder, 'WarehouseDbConnectionClassConverter.java')));
    const brief = read(root, BRIEF_FILE);
    assert.match(
      brief,
      /ClassConverterFactory\.java: skipped WarehouseDbConnection in NESTED_CONFIG_CONVERTERS .*no NESTED_CONFIG_CONVERTERS = Map\.ofEntries\(/,
    );
    assert.doesNotMatch(brief, /not done yet/);
  });

  describe('a factory with only the plain converterMap (derived from the fixture at run time: NESTED_CONFIG_CONVERTERS removed)', function () {
    let root = '';
    let factoryBefore = '';
    let testBefore = '';
    const converterFile = (): string => path.join(converterPaths().folder, 'WarehouseDbConnectionClassConverter.java');

    before(async function () {
      root = converterCheckout('plain');
      factoryBefore = read(root, FACTORY);
      testBefore = read(root, FACTORY_TEST);
      await runGenerator('openmetadata', WAREHOUSE, { cwd: root });
    });

    it('the derived factory has no NESTED_CONFIG_CONVERTERS left', function () {
      assert.doesNotMatch(factoryBefore, /NESTED_CONFIG_CONVERTERS/);
      assert.match(factoryBefore, /Map\.entry\(MysqlConnection\.class, new MysqlConnectionClassConverter\(\)\),/);
    });

    it('generates WarehouseDbConnectionClassConverter.java: one tryToConvert per oneOf field, with its candidate classes', function () {
      const text = read(root, converterFile());
      assert.match(text, /^package org\.openmetadata\.service\.secrets\.converter;$/m);
      assert.match(text, /^public class WarehouseDbConnectionClassConverter extends ClassConverter \{$/m);
      assert.match(text, /super\(WarehouseDbConnection\.class\);/);
      assert.match(text, /WarehouseDbConnection connection = JsonUtils\.convertValue\(object, WarehouseDbConnection\.class\);/);
      assert.match(text, /AUTH_TYPE_CLASSES =\n {6}List\.of\(basicAuth\.class, IamAuthConfig\.class, AzureConfig\.class\);/);
      assert.match(text, /SSL_CONFIG_CLASSES = List\.of\(ValidateSSLClientConfig\.class\);/);
      const conversions = text.split('\n').filter((l) => l.includes('tryToConvert('));
      assert.deepEqual(conversions, [
        '    tryToConvert(connection.getAuthType(), AUTH_TYPE_CLASSES).ifPresent(connection::setAuthType);',
        '    tryToConvert(connection.getSslConfig(), SSL_CONFIG_CLASSES).ifPresent(connection::setSslConfig);',
      ]);
      const imports = text.split('\n').filter((l) => l.startsWith('import '));
      assert.deepEqual(imports, [...imports].sort());
      assert.ok(imports.includes('import org.openmetadata.schema.utils.JsonUtils;'), imports.join('\n'));
    });

    it('adds its Map.entry before the first greater class name, and the import, changing nothing else', function () {
      const added = insertedLines(factoryBefore, read(root, FACTORY));
      assert.deepEqual(added, [
        'import org.openmetadata.schema.services.connections.database.WarehouseDbConnection;',
        '                Map.entry(WarehouseDbConnection.class, new WarehouseDbConnectionClassConverter()),',
      ]);
      assert.match(read(root, FACTORY), /WarehouseDbConnectionClassConverter\(\)\),\n {16}Map\.entry\(Workflow\.class,/);
    });

    it('adds the class to the list ClassConverterFactoryTest checks', function () {
      assert.deepEqual(insertedLines(testBefore, read(root, FACTORY_TEST)), [
        'import org.openmetadata.schema.services.connections.database.WarehouseDbConnection;',
        '        WarehouseDbConnection.class,',
      ]);
    });

    it("lists the converter class in the brief's file index and the registration", function () {
      const brief = read(root, BRIEF_FILE);
      assert.ok(brief.includes(`| \`${converterFile()}\` |`), brief);
      assert.match(
        brief,
        /ClassConverterFactory\.java: WarehouseDbConnection -> WarehouseDbConnectionClassConverter in converterMap \(authType -> basicAuth, IamAuthConfig, AzureConfig; sslConfig -> ValidateSSLClientConfig\)/,
      );
    });

    it('changes nothing on a second run', async function () {
      const snapshot = snapshotTree(root);
      await runGenerator('openmetadata', WAREHOUSE, { cwd: root });
      const diff = diffTrees(snapshot, snapshotTree(root));
      assert.ok(isEmptyDiff(diff), JSON.stringify(diff));
    });

    it('puts a class that sorts last at the end of the map, where it closes Map.ofEntries(', async function () {
      const last = converterCheckout('plain');
      await runGenerator('openmetadata', { ...WAREHOUSE, name: 'zz_db', authTypes: ['basic'] }, { cwd: last });
      assert.match(
        read(last, FACTORY),
        /TimescaleConnectionClassConverter\(\)\),\n {16}Map\.entry\(ZzDbConnection\.class, new ZzDbConnectionClassConverter\(\)\)\)\);\n/,
      );
    });

    it('the dry run lists the converter class and both edits, and writes nothing', function () {
      const dry = converterCheckout('plain');
      const snapshot = snapshotTree(dry);
      const result = runBin(['openmetadata', ...flagsOf(WAREHOUSE), '--dry-run'], { cwd: dry });
      assert.equal(result.status, 0, result.stderr);
      // the plan is logged on stderr, as Yeoman logs
      const log = result.stdout + result.stderr;
      assert.match(log, /create\s+\S*WarehouseDbConnectionClassConverter\.java/);
      assert.match(
        log,
        /register\s+openmetadata-service\/\S+\/ClassConverterFactory\.java: added WarehouseDbConnection -> WarehouseDbConnectionClassConverter in converterMap/,
      );
      assert.match(
        log,
        /register\s+openmetadata-service\/\S+\/ClassConverterFactoryTest\.java: added WarehouseDbConnection\.class in testClassConverterIsSet/,
      );
      assert.ok(isEmptyDiff(diffTrees(snapshot, snapshotTree(dry))));
    });
  });

  it('plans no converter class outside a checkout, or in a factory with NESTED_CONFIG_CONVERTERS', function () {
    const profile = withDefaults(openMetadataSpec, WAREHOUSE) as unknown as OpenMetadataProfile;
    assert.equal(plannedFile(openMetadataPlan(profile), FILES.converterClass), undefined);
    assert.equal(plannedFile(openMetadataPlan(profile, converterCheckout()), FILES.converterClass), undefined);
    assert.ok(plannedFile(openMetadataPlan(profile, converterCheckout('plain')), FILES.converterClass));
  });

  describe("the layout is google-java-format's: entries of the fixture factory come out line for line", function () {
    const entry = (cls: string, fields: Array<[string, string[]]>): JavaExpr => {
      const own = `${cls}.class`;
      const map: JavaExpr = {
        callee: 'Map.of',
        pairs: true,
        args: fields.flatMap(([p, c]) => [JSON.stringify(p), { callee: 'List.of', args: c.map((x) => `${x}.class`) }]),
      };
      return { callee: 'Map.entry', args: [own, { callee: 'new NestedConfigClassConverter', args: [own, map] }] };
    };
    const CASES: Array<[string, JavaExpr]> = [
      ['one short pair on the constructor line', entry('QuestDBConnection', [['authType', ['basicAuth']]])],
      [
        'two pairs, each on a line',
        entry('AlationConnection', [
          ['authType', ['BasicAuth', 'ApiAccessTokenAuth']],
          ['connection', ['PostgresConnection', 'MysqlConnection']],
        ]),
      ],
      [
        'a single pair broken into its key and value',
        entry('DatabricksPipelineConnection', [['authType', ['PersonalAccessToken', 'DatabricksOAuth', 'AzureADSetup']]]),
      ],
      [
        'a pair whose value breaks, indented under its key',
        entry('RestConnection', [
          ['openAPISchemaConnection', ['OpenAPISchemaURL', 'OpenAPISchemaFilePath', 'OpenAPISchemaS3']],
          ['sslConfig', ['ValidateSSLClientConfig']],
        ]),
      ],
      [
        'a qualified name broken before .class',
        entry('PowerBIConnection', [
          ['pbitFilesSource', ['AzureConfig', 'org.openmetadata.schema.services.connections.dasboard.powerbi.GCSConfig', 'S3Config']],
        ]),
      ],
    ];
    for (const [what, expr] of CASES) {
      it(what, function () {
        const factory = readFileSync(fixturePath(`openmetadata/${FACTORY}`), 'utf8');
        const lines = layout(expr, 10, ',').join('\n');
        assert.ok(factory.includes(`${lines}\n`), `not in the fixture factory:\n${lines}`);
      });
    }
  });
});
