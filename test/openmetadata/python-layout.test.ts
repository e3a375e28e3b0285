/**
 * generators/openmetadata/python.ts, pythonLayout: the lines whose length depends on the connector's
 * names, laid out as the formatter of each release leaves them. 1.12 runs isort (profile black,
 * metadata first-party) and black at 88 columns; 2.0 runs ruff check (its isort rules) and ruff
 * format at 120, with PEP 604/585 annotations. Each release's style is read from its facts file.
 *
 * The expected texts were checked once against the tools of the host venvs (isort 5.13.2 and black
 * 22.3.0 for 1.12, ruff 0.15 for 2.0): each leaves them as they are. test/openmetadata/generate.test.ts
 * runs those tools over whole generated trees; this spec says, case by case, what the layout decides.
 */
import assert from 'node:assert/strict';
import { firstPartyPackages, releaseFacts } from '../../generators/openmetadata/facts/index.js';
import { I1, I2, modernizeAnnotations, pythonLayout, type PyImport, type PyLayout } from '../../generators/openmetadata/python.js';

const v112: PyLayout = pythonLayout(releaseFacts('1.12').python, firstPartyPackages(releaseFacts('1.12')));
const v20: PyLayout = pythonLayout(releaseFacts('2.0').python, firstPartyPackages(releaseFacts('2.0')));
const BOTH = [v112, v20];

/** A name `length` characters long: `prefix` then x's. */
const named = (prefix: string, length: number): string => prefix + 'x'.repeat(length - prefix.length);
const lines = (...texts: string[]): string => texts.join('\n');

describe('generators/openmetadata/python: pythonLayout, lines as each release’s formatter leaves them', function () {
  it('reads the style of each release from its facts: 88 columns and typing’s names for 1.12, 120 and PEP 604/585 for 2.0', function () {
    assert.deepEqual(v112.style, { lineLength: 88, modernTyping: false, blankLineAfterDocstring: false });
    assert.deepEqual(v20.style, { lineLength: 120, modernTyping: true, blankLineAfterDocstring: true });
  });

  describe('the import block', function () {
    const mixed: PyImport[] = [
      { module: 'metadata.utils', names: ['fqn'] },
      { module: 'typing', names: ['Optional', 'Any'] },
      { module: 'sqlalchemy.engine', names: ['Engine'] },
      { module: 'os' },
      { module: '_openmetadata_testutils.ometa', names: ['integration_ometa'] },
      { module: 'pytest' },
      { module: 'datetime', names: ['datetime'] },
      { module: 'pydantic', names: ['BaseModel'] },
      { module: 'metadata.ingestion.api.steps', names: ['Source'] },
    ];

    it('has three sections, standard library, third party, then first party (metadata and its test utilities), one blank line apart', function () {
      const expected = lines(
        'import os',
        'from datetime import datetime',
        'from typing import Any, Optional',
        '',
        'import pytest',
        'from pydantic import BaseModel',
        'from sqlalchemy.engine import Engine',
        '',
        'from _openmetadata_testutils.ometa import integration_ometa',
        'from metadata.ingestion.api.steps import Source',
        'from metadata.utils import fqn',
      );
      for (const L of BOTH) assert.equal(L.importBlock(mixed), expected);
    });

    it('files any module of the standard library under it, and first party what each release’s formatter settings name', function () {
      const imports = [{ module: 'json' }, { module: 'ingestion.settings', names: ['X'] }, { module: 'metadata.utils', names: ['fqn'] }];
      // 2.0's ruff settings count the ingestion package first-party; 1.12's isort settings do not
      assert.equal(v112.importBlock(imports), 'import json\n\nfrom ingestion.settings import X\n\nfrom metadata.utils import fqn');
      assert.equal(v20.importBlock(imports), 'import json\n\nfrom ingestion.settings import X\nfrom metadata.utils import fqn');
    });

    it('leaves out the sections it has nothing for, and is empty without imports', function () {
      assert.equal(v112.importBlock([{ module: 'metadata.utils', names: ['fqn'] }, { module: 'os' }]), 'import os\n\nfrom metadata.utils import fqn');
      assert.equal(v112.importBlock([]), '');
    });

    it('puts plain imports before from-imports in a section, and sorts modules case-insensitively', function () {
      const block = v112.importBlock([
        { module: 'unittest.mock', names: ['patch'] },
        { module: 'urllib.parse', names: ['quote'] },
        { module: 'unittest' },
        { module: 'os' },
      ]);
      assert.equal(block, lines('import os', 'import unittest', 'from unittest.mock import patch', 'from urllib.parse import quote'));
      assert.equal(
        v112.importBlock([
          { module: 'Requests_b', names: ['b'] },
          { module: 'requests_a', names: ['a'] },
        ]),
        lines('from requests_a import a', 'from Requests_b import b'),
      );
    });

    it('orders names by type as isort does: CONSTANTS, then Classes, then functions and modules, each case-insensitively', function () {
      const block = v112.importBlock([
        {
          module: 'metadata.ingestion.connections.test_connections',
          names: ['test_connection_steps', 'OpenMetadata', 'THREE_MIN', 'Any', 'SourceConnectionException'],
        },
      ]);
      assert.equal(
        block,
        lines(
          'from metadata.ingestion.connections.test_connections import (',
          '    THREE_MIN,',
          '    Any,',
          '    OpenMetadata,',
          '    SourceConnectionException,',
          '    test_connection_steps,',
          ')',
        ),
      );
    });

    it('imports a module named twice on one line, each name once', function () {
      const block = v112.importBlock([
        { module: 'metadata.utils', names: ['fqn'] },
        { module: 'metadata.utils', names: ['fqn', 'Alpha'] },
      ]);
      assert.equal(block, 'from metadata.utils import Alpha, fqn');
    });

    it('gives an aliased import a line of its own, sorted with the others by its module', function () {
      const imports: PyImport[] = [
        { module: 'metadata.ingestion.source.database.shopdb', names: ['connection'], alias: 'source_connection' },
        { module: 'metadata.ingestion.api.steps', names: ['Source'] },
        { module: 'metadata.ingestion.source.database.shopdb.metadata', names: ['ShopDbSource'] },
      ];
      const expected = lines(
        'from metadata.ingestion.api.steps import Source',
        'from metadata.ingestion.source.database.shopdb import connection as source_connection',
        'from metadata.ingestion.source.database.shopdb.metadata import ShopDbSource',
      );
      for (const L of BOTH) assert.equal(L.importBlock(imports), expected);
    });

    it('wraps a from-import longer than the release’s line length in a vertical hanging indent with trailing commas', function () {
      // 103 characters: past 1.12's 88 columns, within 2.0's 120
      const imports: PyImport[] = [
        { module: 'metadata.generated.schema.entity.services.connections.database.myDbConnection', names: ['Abc', 'MY_CONST'] },
      ];
      assert.equal(
        v112.importBlock(imports),
        lines('from metadata.generated.schema.entity.services.connections.database.myDbConnection import (', '    MY_CONST,', '    Abc,', ')'),
      );
      assert.equal(
        v20.importBlock(imports),
        'from metadata.generated.schema.entity.services.connections.database.myDbConnection import MY_CONST, Abc',
      );
    });
  });

  describe('brackets, as black and ruff format split them', function () {
    it('keeps a construct that fits on one line', function () {
      for (const L of BOTH)
        assert.equal(
          L.classLine('MyDbSource', ['CommonDbSourceService', 'MultiDBSource']),
          'class MyDbSource(CommonDbSourceService, MultiDBSource):',
        );
    });

    it('puts the contents on an indented line of their own when the line is too long and they fit there', function () {
      const name = named('A', 56);
      assert.equal(
        v112.classLine(name, ['CommonDbSourceService', 'MultiDBSource', 'SomethingElse']),
        lines(`class ${name}(`, '    CommonDbSourceService, MultiDBSource, SomethingElse', '):'),
      );
      assert.equal(
        v20.classLine(name, ['CommonDbSourceService', 'MultiDBSource', 'SomethingElse']),
        `class ${name}(CommonDbSourceService, MultiDBSource, SomethingElse):`,
      );
    });

    it('puts one item a line, each with a trailing comma, when the contents do not fit on one line either', function () {
      const args = ['first_argument_', 'second_argument_', 'third_argument_'].map((a) => named(a, a.length + 30));
      const expected = lines(`${I1}return get_value(`, ...args.map((a) => `${I2}${a},`), `${I1})`);
      for (const L of BOTH) assert.equal(L.callLine(I1, 'return get_value', args), expected);
    });

    it('wraps the call a return or an assignment makes in parentheses of its own when only that makes every line fit', function () {
      // `    return get_…(` is one column too long, `        get_…(` fits
      const callee = named('get_', 77);
      assert.equal(
        v112.callLine(I1, `return ${callee}`, ['first_argument', 'second_argument']),
        lines(`${I1}return (`, `${I2}${callee}(`, `${I2}${I1}first_argument, second_argument`, `${I2})`, `${I1})`),
      );
      const assigned = named('get_', 75);
      assert.equal(
        v112.callLine(I1, `result = ${assigned}`, ['first_argument', 'second_argument']),
        lines(`${I1}result = (`, `${I2}${assigned}(`, `${I2}${I1}first_argument, second_argument`, `${I2})`, `${I1})`),
      );
    });

    it('does not wrap a call in parentheses when its own head does not fit anyway, nor a bare call', function () {
      const callee = named('get_', 100);
      assert.equal(v112.callLine(I1, `return ${callee}`, ['a', 'b']), lines(`${I1}return ${callee}(`, `${I2}a, b`, `${I1})`));
      const bare = named('get_', 81);
      assert.equal(v112.callLine(I1, bare, ['a', 'b']), lines(`${I1}${bare}(`, `${I2}a, b`, `${I1})`));
    });

    it('splits a one-argument call around its argument, however long, without a trailing comma', function () {
      const message = `f"Expected ${named('My', 86)}Connection, but got {connection}"`;
      for (const L of BOTH)
        assert.equal(
          L.callLine(I1, 'raise InvalidSourceException', [message]),
          lines(`${I1}raise InvalidSourceException(`, `${I2}${message}`, `${I1})`),
        );
    });

    it('splits isinstance checks as any call: one item a line in 1.12, one line in 2.0', function () {
      const cls = named('My', 72);
      assert.equal(v112.isinstanceLine(I1, 'connection', cls), lines(`${I1}if not isinstance(`, `${I2}connection,`, `${I2}${cls},`, `${I1}):`));
      assert.equal(v20.isinstanceLine(I1, 'connection', cls), `${I1}if not isinstance(connection, ${cls}):`);
    });
  });

  describe('signatures', function () {
    it('keeps a def that fits on one line, with its annotations in the release’s spelling', function () {
      assert.equal(v112.defLine('', 'short', ['a: int'], 'Optional[str]'), 'def short(a: int) -> Optional[str]:');
      assert.equal(v20.defLine('', 'short', ['a: int'], 'Optional[str]'), 'def short(a: int) -> str | None:');
    });

    it('puts the parameters on a line of their own when they fit there, else one a line with trailing commas', function () {
      const params = ['config_dict: Dict[str, Any]', 'metadata: OpenMetadata', 'pipeline_name: Optional[str] = None'];
      const name = named('create_', 67);
      assert.equal(
        v112.defLine('', name, params, 'Optional[List[Any]]'),
        lines(
          `def ${name}(`,
          '    config_dict: Dict[str, Any],',
          '    metadata: OpenMetadata,',
          '    pipeline_name: Optional[str] = None,',
          ') -> Optional[List[Any]]:',
        ),
      );
      assert.equal(
        v20.defLine('', name, params, 'Optional[List[Any]]'),
        lines(`def ${name}(`, '    config_dict: dict[str, Any], metadata: OpenMetadata, pipeline_name: str | None = None', ') -> list[Any] | None:'),
      );
    });

    it('gives the one parameter of a split signature a trailing comma, as black does', function () {
      const name = named('get_', 84);
      assert.equal(
        v112.defLine('', name, ['connection: Optional[Tuple[str, int]]']),
        lines(`def ${name}(`, '    connection: Optional[Tuple[str, int]],', '):'),
      );
      assert.equal(
        v20.defLine('', name, ['connection: Optional[Tuple[str, int]]']),
        lines(`def ${name}(`, '    connection: tuple[str, int] | None,', '):'),
      );
    });
  });

  describe('generic class headers', function () {
    it('keep the subscripted base whole on a line of its own when it fits there', function () {
      const name = named('My', 52);
      const base = `BaseConnection[${name}Config, Engine]`;
      assert.equal(
        v112.genericClassLine(`${name}Connection`, 'BaseConnection', [`${name}Config`, 'Engine']),
        lines(`class ${name}Connection(`, `    ${base}`, '):'),
      );
    });

    it('split inside the base’s brackets, one parameter a line, when even the base alone is too long', function () {
      const name = named('My', 72);
      assert.equal(
        v112.genericClassLine(`${name}Connection`, 'BaseConnection', [`${name}ConnectionConfig`, 'Engine']),
        lines(`class ${name}Connection(`, '    BaseConnection[', `        ${name}ConnectionConfig,`, '        Engine,', '    ]', '):'),
      );
      assert.equal(
        v20.genericClassLine(`${name}Connection`, 'BaseConnection', [`${name}ConnectionConfig`, 'Engine']),
        lines(`class ${name}Connection(`, `    BaseConnection[${name}ConnectionConfig, Engine]`, '):'),
      );
    });
  });

  describe('comments, literals and assignments', function () {
    it('wraps a TODO comment at the line length, words whole, continued under `#   `', function () {
      const body = 'implement the thing and all words '.repeat(6).trim();
      const wrapped = v112.todoComment(I1, body).split('\n');
      assert.ok(wrapped.length > 1, 'the comment was not wrapped');
      assert.ok(
        wrapped.every((line) => line.length <= 88),
        wrapped.join('\n'),
      );
      assert.match(wrapped[0] ?? '', /^ {4}# TODO: implement /);
      assert.ok(
        wrapped.slice(1).every((line) => line.startsWith(`${I1}#   `) && !line.startsWith(`${I1}#    `)),
        wrapped.join('\n'),
      );
      assert.equal(wrapped.map((line) => line.replace(/^\s*# (TODO: )?\s*/, '')).join(' '), body);
      assert.equal(v20.todoComment(I1, 'short note'), `${I1}# TODO: short note`);
    });

    it('lets a TODO comment take another prefix', function () {
      assert.equal(v112.todoComment('', 'see the docs', 'NOTE: '), '# NOTE: see the docs');
    });

    it('writes a dict literal one entry a line with trailing commas, nested dicts alike, an empty one as {}', function () {
      const text = v112.pyDict('', [
        ['type', '"MyDb"'],
        ['config', [['hostPort', 'os.environ["HOST"]']]],
        ['empty', []],
      ]);
      assert.equal(
        text,
        lines('{', '    "type": "MyDb",', '    "config": {', '        "hostPort": os.environ["HOST"],', '    },', '    "empty": {},', '}'),
      );
    });

    it('splits a too long subscript value of a dict entry inside its brackets', function () {
      const key = named('deep_key_', 59);
      const variable = named('SOME_', 65);
      const text = v112.pyDict(I1, [[key, `os.environ["${variable}"]`]]);
      assert.equal(text, lines('{', `${I2}"${key}": os.environ[`, `${I2}${I1}"${variable}"`, `${I2}],`, `${I1}}`));
    });

    it('writes a module-level list on one line when it fits, else one element a line with trailing commas', function () {
      assert.equal(v112.listAssignment('REQUIRED_ENV', ['"A"', '"B"']), 'REQUIRED_ENV = ["A", "B"]');
      assert.equal(v112.listAssignment('EMPTY', []), 'EMPTY = []');
      const many = Array.from({ length: 3 }, (_, i) => `"MY_DB_VARIABLE_NUMBER_${String(i)}"`);
      assert.equal(v112.listAssignment('REQUIRED_ENV', many), lines('REQUIRED_ENV = [', ...many.map((m) => `    ${m},`), ']'));
      assert.equal(v20.listAssignment('REQUIRED_ENV', many), `REQUIRED_ENV = [${many.join(', ')}]`);
    });

    it('puts an assigned value in parentheses on a line of its own when the assignment is too long and the value then fits', function () {
      const fits = `"registry.example.com/${'x'.repeat(57)}:1"`;
      assert.equal(v112.assignedValue('IMAGE', fits), lines('(', `    ${fits}`, ')'));
      assert.equal(v20.assignedValue('IMAGE', fits), fits);
      assert.equal(v112.assignedValue('IMAGE', '"short:1"'), '"short:1"');
    });

    it('leaves an assigned value as it is when it does not fit even on a line of its own (the formatters cannot split it)', function () {
      const long = `"registry.example.com/${'x'.repeat(70)}:1"`;
      assert.equal(v112.assignedValue('IMAGE', long), long);
      assert.equal(v112.assignedValue('sql_stmt', `"${'x'.repeat(76)}"`, I2), `"${'x'.repeat(76)}"`);
    });

    it('puts a blank line after the module docstring for ruff format (2.0) only', function () {
      assert.equal(v112.docstringGap, '');
      assert.equal(v20.docstringGap, '\n');
    });
  });

  describe('annotations and the imports they need', function () {
    it('keeps typing’s spelling for 1.12 and writes PEP 604/585 for 2.0', function () {
      assert.equal(v112.annotation('Optional[List[Any]]'), 'Optional[List[Any]]');
      assert.equal(v20.annotation('Optional[List[Any]]'), 'list[Any] | None');
      assert.equal(v20.annotation('x: Dict[str, Tuple[int, Optional[str]]] = None'), 'x: dict[str, tuple[int, str | None]] = None');
      assert.equal(modernizeAnnotations('Iterable[Either[Optional[A], B]]'), 'Iterable[Either[A | None, B]]');
    });

    it('imports from typing the names the annotations use for 1.12, whole words only', function () {
      assert.deepEqual(v112.typingImports('Optional[List[Any]]', 'Iterable[Dict[str, Anything]]'), [
        { module: 'typing', names: ['Any', 'Dict', 'Iterable', 'List', 'Optional'] },
      ]);
      assert.deepEqual(v112.typingImports('str', 'Anything'), []);
    });

    it('imports only Any from typing and Iterable from collections.abc for 2.0: the builtins need no import', function () {
      assert.deepEqual(v20.typingImports('Optional[List[Any]]', 'Iterable[Tuple[str, int]]'), [
        { module: 'typing', names: ['Any'] },
        { module: 'collections.abc', names: ['Iterable'] },
      ]);
      assert.deepEqual(v20.typingImports('Optional[Dict[str, int]]'), []);
    });
  });
});
