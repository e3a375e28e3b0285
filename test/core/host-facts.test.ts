import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareReleaseLines, factReleases, loadHostFacts } from '../../core/host-facts.js';
import { tempDir } from '../support/generate.js';

describe('host facts: one data file per release', function () {
  it('orders release lines by their numbers, not as text', function () {
    assert.deepEqual(['2.0', '1.12', '1.9', '10.0', '1.12.1'].sort(compareReleaseLines), ['1.9', '1.12', '1.12.1', '2.0', '10.0']);
  });

  it('lists the releases of a facts folder from its JSON files', function () {
    const folder = tempDir('facts-');
    for (const file of ['1.12.json', '2.0.json', 'index.ts', 'notes.md']) writeFileSync(path.join(folder, file), '{}');
    assert.deepEqual(factReleases(folder), ['1.12', '2.0']);
  });

  it('merges a release over the one it extends: objects key by key, arrays and values replaced, null clears', function () {
    const folder = tempDir('facts-');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, '1.0.json'), JSON.stringify({ paths: { a: 'x', b: 'y' }, list: [1, 2], gone: 'here', kept: 1 }));
    writeFileSync(path.join(folder, '2.0.json'), JSON.stringify({ extends: '1.0', paths: { b: 'z' }, list: [3], gone: null }));
    assert.deepEqual(loadHostFacts(folder, '2.0'), { paths: { a: 'x', b: 'z' }, list: [3], gone: null, kept: 1 });
  });

  it('refuses a release that extends in a circle, or one with no file, naming the known releases', function () {
    const folder = tempDir('facts-');
    writeFileSync(path.join(folder, 'a.json'), JSON.stringify({ extends: 'b' }));
    writeFileSync(path.join(folder, 'b.json'), JSON.stringify({ extends: 'a' }));
    assert.throws(() => loadHostFacts(folder, 'a'), /extend in a circle: a -> b -> a/);
    assert.throws(() => loadHostFacts(folder, 'c'), /no host facts for release c in .*; known: a, b/);
  });
});
