/**
 * The commit writes each file whole (core/atomic-commit.ts): another process reading a file while a
 * run writes it sees the old contents or the new, never an empty or cut-short file (which made a run
 * side by side fail with "Could not parse JSON in file: .yo-rc.json").
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MemFsEditorFile } from 'mem-fs-editor';
import { createAtomicCommitTransform } from '../../core/atomic-commit.js';
import { tempDir } from '../support/generate.js';

/** A file as mem-fs hands it to the commit step: modified, with these contents. */
const modified = (file: string, contents: string): MemFsEditorFile => ({ path: file, contents: Buffer.from(contents), state: 'modified' });

async function commit(files: MemFsEditorFile[]): Promise<void> {
  await pipeline(Readable.from(files), createAtomicCommitTransform(), new Writable({
      objectMode: true,
      write: (_file, _encoding, done) => {
        done();
      },
    }));
}

/** A child process that reads `file` until `stop` exists, then prints every length it saw that is not a whole version. */
function reader(file: string, stop: string, wholeLengths: number[]): Promise<{ reads: number; partial: number[] }> {
  const script = `const fs = require('node:fs');
const whole = new Set(${JSON.stringify(wholeLengths)}); let reads = 0; const partial = [];
while (!fs.existsSync(${JSON.stringify(stop)})) { try { const n = fs.readFileSync(${JSON.stringify(file)}).length; reads++; if (!whole.has(n)) partial.push(n); } catch {} }
console.log(JSON.stringify({ reads, partial }));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as { reads: number; partial: number[] });
      else reject(new Error(`reader exited ${code}`));
    });
  });
}

describe('the commit writes each file whole', function () {
  this.timeout(60_000);

  it('a process reading a file while it is written again and again never sees it empty or cut short', async function () {
    const dir = tempDir('connector-atomic-');
    const file = path.join(dir, '.yo-rc.json');
    const versions = ['a'.repeat(4_000_000), 'b'.repeat(3_000_000)];
    writeFileSync(file, versions[0]!);
    const stop = path.join(dir, 'stop');
    const seen = reader(file, stop, versions.map((v) => v.length));
    for (let round = 0; round < 40; round += 1) await commit([modified(file, versions[round % 2]!)]);
    writeFileSync(stop, '');
    const { reads, partial } = await seen;
    assert.ok(reads > 0, 'the reader read nothing');
    assert.deepEqual(partial, [], `${partial.length} of ${reads} reads saw a file cut short`);
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), [], 'temporary files left behind');
  });

  it('keeps the mode of the file it replaces, writes through a symbolic link, and creates missing folders', async function () {
    const dir = tempDir('connector-atomic-');
    const script = path.join(dir, 'run.sh');
    writeFileSync(script, 'old');
    chmodSync(script, 0o750);
    const real = path.join(dir, 'real.json');
    writeFileSync(real, '{}');
    const link = path.join(dir, 'link.json');
    symlinkSync(real, link);
    const nested = path.join(dir, 'a', 'b', 'new.txt');
    await commit([modified(script, 'new'), modified(link, '{"x":1}'), modified(nested, 'made')]);
    assert.equal(readFileSync(script, 'utf8'), 'new');
    assert.equal(statSync(script).mode & 0o777, 0o750);
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link was replaced by a file');
    assert.equal(readFileSync(real, 'utf8'), '{"x":1}');
    assert.ok(existsSync(nested));
  });
});
