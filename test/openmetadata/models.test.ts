/**
 * --generate-models: the command lines built per release, where datamodel-codegen is looked
 * for, the message when it is missing, the $ref closure it is run over, and the flag itself
 * (help, validation, never stored). A stand-in datamodel-codegen (a shell script) checks the
 * generator's side: which schemas it hands over, what it writes, and a failure's exit.
 * The real datamodel-codegen of each release runs in the host layer (test/host), on every case.
 */
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { helpText } from '../../core/help.js';
import { openMetadataSpec } from '../../generators/openmetadata/profile/spec.js';
import { findProblems } from '../../core/profile/validate.js';
import { findTool, interpreterOf, toolPlaces } from '../../core/python-tool.js';
import { OPENMETADATA_RELEASES } from '../../generators/openmetadata/profile/fields.js';
import { releaseFacts } from '../../generators/openmetadata/facts/index.js';
import {
  codegenCommand,
  findToolchain,
  missingToolMessage,
  ruffCommand,
  schemaClosure,
  type ModelGenerationFacts,
} from '../../generators/openmetadata/pydantic-models.js';
import { SCHEMA_DIR } from '../support/checkouts.js';
import { fixturePath, requireFixtures } from '../support/fixtures.js';
import { diffTrees, isEmptyDiff, runBin, snapshotTree, tempDir } from '../support/generate.js';

/** upstream's scripts/datamodel_generation.py: the options besides --input and --output, in every release so far */
const MAKE_GENERATE_OPTIONS = [
  ['--output-model-type', 'pydantic_v2.BaseModel'],
  ['--use-annotated'],
  ['--base-class', 'metadata.ingestion.models.custom_pydantic.BaseModel'],
  ['--input-file-type', 'jsonschema'],
  ['--set-default-enum-member'],
];

const factsOf = (line: string): ModelGenerationFacts => releaseFacts(line).modelGeneration;

/** An executable file with `text`. */
function executable(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

/** The index of `sequence` inside `args`, or -1. */
const indexOfSequence = (args: readonly string[], sequence: readonly string[]): number =>
  args.findIndex((_, i) => sequence.every((word, j) => args[i + j] === word));

describe('--generate-models: the command lines per release', function () {
  for (const line of OPENMETADATA_RELEASES) {
    it(`${line}: datamodel-codegen with make generate's options, through the interpreter, with the SecretStr patch`, function () {
      const facts = factsOf(line);
      const { command, args } = codegenCommand(facts, '/venv/bin/python', '/work/schema', '/work/out');
      assert.equal(command, '/venv/bin/python');
      assert.equal(args[0], '-c');
      // the shim patches the module named next with the replacement, then calls datamodel-codegen's main
      assert.match(args[1]!, /IMPORT_SECRET_STR = Import\.from_full_path\(sys\.argv\[2\]\)/);
      assert.match(args[1]!, /main\(sys\.argv\[3:\]\)/);
      assert.deepEqual(args.slice(2, 4), [facts.secretStr.patchedModule, 'metadata.ingestion.models.custom_pydantic.CustomSecretStr']);
      const codegenArgs = args.slice(4);
      assert.deepEqual(codegenArgs.slice(0, 4), ['--input', '/work/schema', '--output', '/work/out']);
      for (const option of MAKE_GENERATE_OPTIONS) {
        assert.ok(indexOfSequence(codegenArgs, option) >= 0, `${option.join(' ')} is missing from ${codegenArgs.join(' ')}`);
      }
      assert.equal(codegenArgs.length, 4 + MAKE_GENERATE_OPTIONS.flat().length, 'no option upstream does not pass');
    });
  }

  it('1.12 patches datamodel-codegen v1 type module, 2.0 the pydantic_v2 one (as each release script does)', function () {
    assert.equal(factsOf('1.12').secretStr.patchedModule, 'datamodel_code_generator.model.pydantic');
    assert.equal(factsOf('2.0').secretStr.patchedModule, 'datamodel_code_generator.model.pydantic_v2');
  });

  it("1.12 has no ruff step; 2.0 runs make generate's ruff fix over the output", function () {
    assert.equal(ruffCommand(factsOf('1.12'), '/venv/bin/ruff', '/work/out'), undefined);
    const ruff = ruffCommand(factsOf('2.0'), '/venv/bin/ruff', '/work/out');
    assert.ok(ruff);
    assert.equal(ruff.command, '/venv/bin/ruff');
    // 2.0's Makefile: ruff check --isolated --no-respect-gitignore --fix --select F401,UP006,UP007,UP035,UP045 --target-version py310
    for (const part of [
      ['check'],
      ['--isolated'],
      ['--no-respect-gitignore'],
      ['--fix'],
      ['--select', 'F401,UP006,UP007,UP035,UP045'],
      ['--target-version', 'py310'],
    ]) {
      assert.ok(indexOfSequence(ruff.args, part) >= 0, `${part.join(' ')} is missing from ${ruff.args.join(' ')}`);
    }
    assert.equal(ruff.args.at(-1), '/work/out');
  });
});

describe('--generate-models: finding datamodel-codegen', function () {
  it('takes the checkout env/bin first, then $VIRTUAL_ENV/bin, then PATH', function () {
    const root = tempDir('models-tools-');
    const checkout = path.join(root, 'checkout');
    const venv = path.join(root, 'venv');
    const onPath = path.join(root, 'path-bin');
    for (const folder of [path.join(checkout, 'env/bin'), path.join(venv, 'bin'), onPath])
      executable(path.join(folder, 'datamodel-codegen'), '#!/bin/sh\n');
    const env = { VIRTUAL_ENV: venv, PATH: onPath };
    assert.equal(findTool('datamodel-codegen', toolPlaces(checkout, env))?.source, 'checkout env');
    assert.equal(findTool('datamodel-codegen', toolPlaces(path.join(root, 'elsewhere'), env))?.source, 'VIRTUAL_ENV');
    assert.equal(findTool('datamodel-codegen', toolPlaces(undefined, { PATH: onPath }))?.path, path.join(onPath, 'datamodel-codegen'));
    assert.equal(findTool('datamodel-codegen', toolPlaces(undefined, { PATH: path.join(root, 'none') })), undefined);
  });

  it("reads the script's interpreter from its shebang, pip's long-path form, or env", function () {
    const root = tempDir('models-shebang-');
    const python = executable(path.join(root, 'venv/bin/python3.11'), '#!/bin/sh\n');
    const direct = executable(path.join(root, 'a/datamodel-codegen'), `#!${python}\nimport sys\n`);
    const long = executable(path.join(root, 'b/datamodel-codegen'), `#!/bin/sh\n'''exec' "${python}" "$0" "$@"\n' '''\n`);
    const viaEnv = executable(path.join(root, 'c/datamodel-codegen'), '#!/usr/bin/env python3.11\n');
    assert.equal(interpreterOf(direct, {}), python);
    assert.equal(interpreterOf(long, {}), python);
    assert.equal(interpreterOf(viaEnv, { PATH: path.dirname(python) }), python);
  });

  for (const line of OPENMETADATA_RELEASES) {
    it(`${line}: without datamodel-codegen, says where it looked and how to get the release's pin`, function () {
      const facts = factsOf(line);
      const checkout = tempDir('models-missing-');
      const found = findToolchain(facts, checkout, { PATH: path.join(checkout, 'no-bin') });
      assert.ok('missing' in found, 'no toolchain is found');
      const message = found.missing;
      assert.match(message, /no datamodel-codegen found/);
      assert.ok(message.includes(path.join(checkout, 'env/bin')), message);
      assert.match(message, /\$VIRTUAL_ENV\/bin \(VIRTUAL_ENV is not set\)/);
      assert.match(message, /make install_dev/);
      assert.ok(message.includes(`pip install datamodel-code-generator==${facts.datamodelCodegenPin}`), message);
      assert.equal(missingToolMessage(facts, 'datamodel-codegen', toolPlaces(checkout, {})), message.replace(', PATH', ''));
    });
  }

  it('2.0 also needs ruff, looked for beside datamodel-codegen first', function () {
    const root = tempDir('models-ruff-');
    const bin = path.join(root, 'venv/bin');
    executable(path.join(bin, 'datamodel-codegen'), '#!/bin/sh\n');
    const withoutRuff = findToolchain(factsOf('2.0'), undefined, { VIRTUAL_ENV: path.join(root, 'venv'), PATH: '' });
    assert.ok('missing' in withoutRuff && /no ruff found/.test(withoutRuff.missing));
    assert.ok('toolchain' in findToolchain(factsOf('1.12'), undefined, { VIRTUAL_ENV: path.join(root, 'venv'), PATH: '' }));
    executable(path.join(bin, 'ruff'), '#!/bin/sh\n');
    const found = findToolchain(factsOf('2.0'), undefined, { VIRTUAL_ENV: path.join(root, 'venv'), PATH: '' });
    assert.ok('toolchain' in found);
    assert.equal(found.toolchain.ruff?.path, path.join(bin, 'ruff'));
  });
});

describe('--generate-models: the $ref closure datamodel-codegen runs over', function () {
  const tree: Record<string, unknown> = {
    'entity/services/databaseService.json': { oneOf: [{ $ref: './connections/database/aConnection.json' }], x: { $ref: '#/definitions/local' } },
    'entity/services/connections/database/aConnection.json': {
      properties: { f: { $ref: '../../../../type/filterPattern.json#/definitions/filterPattern' }, b: { $ref: './common/basicAuth.json' } },
    },
    'entity/services/connections/database/common/basicAuth.json': { properties: { again: { $ref: '../aConnection.json' } } },
    'type/filterPattern.json': { definitions: { filterPattern: { type: 'object' } } },
    'type/unrelated.json': {},
  };
  const read = (rel: string): string | undefined => (rel in tree ? JSON.stringify(tree[rel]) : undefined);

  it('follows relative $refs across folders, each file once, and leaves out what is not reached', function () {
    const closure = schemaClosure(['entity/services/databaseService.json'], read);
    assert.deepEqual(closure.missing, []);
    assert.deepEqual([...closure.files].sort(), [
      'entity/services/connections/database/aConnection.json',
      'entity/services/connections/database/common/basicAuth.json',
      'entity/services/databaseService.json',
      'type/filterPattern.json',
    ]);
  });

  it('reports a referenced file the tree lacks, with the schema that refers to it', function () {
    const closure = schemaClosure(['entity/services/databaseService.json'], (rel) => (rel === 'type/filterPattern.json' ? undefined : read(rel)));
    assert.deepEqual(closure.missing, [{ file: 'type/filterPattern.json', from: 'entity/services/connections/database/aConnection.json' }]);
  });
});

describe('--generate-models: the flag', function () {
  it('is a run flag in --help, a switch without a value', function () {
    const help = helpText('generator-connector openmetadata', 'summary', openMetadataSpec.fields);
    const runSection = help.slice(help.indexOf('Run flags:'));
    assert.match(runSection, /^ {2}--generate-models {2,}After writing, generate the pydantic models/m);
    assert.doesNotMatch(help.slice(0, help.indexOf('Run flags:')), /--generate-models/);
    assert.doesNotMatch(help, /--generate-models </);
  });

  it('is offered by the brief where it explains make generate, as the quicker way for the new schemas', function () {
    const dir = tempDir('connector-models-brief-');
    const run = runBin(['openmetadata', '--name', 'brief_models', '--service-type', 'database'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const brief = readFileSync(path.join(dir, 'ingestion/src/metadata/ingestion/source/database/briefmodels/CONNECTOR_CONTEXT.md'), 'utf8');
    assert.match(brief, /re-run this generator\s+with `--generate-models`/);
  });

  it('is validated as a boolean (a profile file can set it)', function () {
    const profile = { name: 'flag_db', serviceType: 'database', generateModels: 'yes' };
    const problems = findProblems(openMetadataSpec, profile).filter((p) => p.field === 'generateModels');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /must be true or false/);
    assert.deepEqual(
      findProblems(openMetadataSpec, { ...profile, generateModels: true }).filter((p) => p.field === 'generateModels'),
      [],
    );
  });
});

/**
 * A checkout with the fixtures' shared $ref targets and a small databaseService.json of our own
 * (the fixtures' one refers to every upstream connection, which the fixtures do not have).
 */
function smallCheckout(): string {
  const root = tempDir('models-checkout-');
  const schema = path.join(root, SCHEMA_DIR);
  cpSync(fixturePath(`openmetadata/${SCHEMA_DIR}`), schema, { recursive: true });
  writeFileSync(
    path.join(schema, 'entity/services/databaseService.json'),
    JSON.stringify(
      {
        $id: 'https://open-metadata.org/schema/entity/services/databaseService.json',
        title: 'DatabaseService',
        type: 'object',
        definitions: {
          databaseServiceType: { type: 'string', enum: ['Mysql'], javaEnums: [{ name: 'Mysql' }] },
          databaseConnection: { type: 'object', properties: { config: { oneOf: [{ $ref: './connections/database/otherConnection.json' }] } } },
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    path.join(schema, 'entity/services/connections/database/otherConnection.json'),
    JSON.stringify({ title: 'OtherConnection', type: 'object' }),
  );
  return root;
}

/**
 * A stand-in datamodel-codegen: a console script whose interpreter is a shell script that writes, for every
 * schema of --input, a module under --output naming it (or fails as told by FAKE_CODEGEN_FAIL).
 */
function fakeVenv(): string {
  const venv = tempDir('models-fake-venv-');
  const python = executable(
    path.join(venv, 'bin/python'),
    [
      '#!/bin/sh',
      'if [ -n "$FAKE_CODEGEN_FAIL" ]; then echo "$FAKE_CODEGEN_FAIL" >&2; exit 2; fi',
      'while [ $# -gt 0 ]; do case "$1" in --input) input="$2"; shift;; --output) output="$2"; shift;; esac; shift; done',
      'echo "datamodel-codegen-version:9.9.9" >&2',
      'cd "$input" && find . -name "*.json" | while read -r f; do m="$output/${f%.json}.py"; mkdir -p "$(dirname "$m")"; echo "# model of $f" > "$m"; done',
    ].join('\n') + '\n',
  );
  executable(path.join(venv, 'bin/datamodel-codegen'), `#!${python}\n`);
  return venv;
}

const CONNECTION_MODEL = 'ingestion/src/metadata/generated/schema/entity/services/connections/database/flagDbConnection.py';
const SERVICE_MODEL = 'ingestion/src/metadata/generated/schema/entity/services/databaseService.py';
const FLAGS = ['openmetadata', '--name', 'flag_db', '--service-type', 'database', '--openmetadata-version', '1.12'];

describe('--generate-models: a run', function () {
  before(function () {
    requireFixtures(this, `openmetadata/${SCHEMA_DIR}`);
  });

  it('hands datamodel-codegen the connection schema and the registered service schema, writes their modules, and stores no flag', function () {
    const checkout = smallCheckout();
    const venv = fakeVenv();
    const run = runBin([...FLAGS, '--generate-models'], { cwd: checkout, env: { VIRTUAL_ENV: venv, PATH: process.env.PATH } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      readFileSync(path.join(checkout, CONNECTION_MODEL), 'utf8'),
      '# model of ./entity/services/connections/database/flagDbConnection.json\n',
    );
    assert.equal(readFileSync(path.join(checkout, SERVICE_MODEL), 'utf8'), '# model of ./entity/services/databaseService.json\n');
    // only the changed schemas' modules: a referenced schema's module is the checkout's business
    assert.ok(!existsSync(path.join(checkout, 'ingestion/src/metadata/generated/schema/type/filterPattern.py')));
    assert.match(run.stdout + run.stderr, /Models: datamodel-codegen 9\.9\.9 \(the release pins 0\.25\.6\) from VIRTUAL_ENV/);
    assert.doesNotMatch(readFileSync(path.join(checkout, '.yo-rc.json'), 'utf8'), /generateModels/);
    // done by the run: the closing steps start with formatting, and the models report comes before them
    const closing = (run.stdout + run.stderr).slice((run.stdout + run.stderr).indexOf('Next: read '));
    assert.match(closing, /^ {2}1\. Format the code: make py_format$/m, closing);
    assert.doesNotMatch(closing, /make generate|Models: /, closing);
  });

  it('without datamodel-codegen: the connector is written, the message says how to get it, exit 0', function () {
    const checkout = smallCheckout();
    const run = runBin([...FLAGS, '--generate-models'], { cwd: checkout, env: { VIRTUAL_ENV: '', PATH: path.dirname(process.execPath) } });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout + run.stderr, /no datamodel-codegen found[\s\S]*pip install datamodel-code-generator==0\.25\.6/);
    assert.ok(existsSync(path.join(checkout, 'ingestion/src/metadata/ingestion/source/database/flagdb/connection.py')));
    assert.ok(!existsSync(path.join(checkout, CONNECTION_MODEL)));
    // not done: generating the models stays the first of the closing steps
    assert.match(run.stdout + run.stderr, /Next: read .*\n {2}1\. Generate the models of the new schema: \(cd ingestion && make generate\)$/m);
  });

  it('a datamodel-codegen failure: non-zero, its message, nothing written', function () {
    const checkout = smallCheckout();
    const before = snapshotTree(checkout);
    const run = runBin([...FLAGS, '--generate-models'], {
      cwd: checkout,
      env: { VIRTUAL_ENV: fakeVenv(), PATH: process.env.PATH, FAKE_CODEGEN_FAIL: 'Modular references require an output directory' },
    });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /datamodel-codegen exited with 2:\nModular references require an output directory/);
    assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(checkout))), 'nothing is written');
  });
});
