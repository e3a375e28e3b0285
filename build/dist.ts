/**
 * Build steps around tsc, which compiles the sources into dist/ (tsconfig.json's outDir):
 *   tsx build/dist.ts clean    before tsc: an empty dist/, so no file of a renamed source lingers
 *   tsx build/dist.ts assets   after tsc: each generator's templates/ and facts/*.json beside its
 *                              compiled index.js, where Yeoman's sourceRoot() and the facts loader look
 */
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const GENERATORS = path.join(ROOT, 'generators');

/** Files a generator folder holds that tsc does not emit: its templates and its facts (JSON). */
const isAsset = (relative: string): boolean =>
  relative.split(path.sep).includes('templates') || (relative.includes(`facts${path.sep}`) && relative.endsWith('.json'));

function copyAssets(): void {
  for (const generator of readdirSync(GENERATORS, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const from = path.join(GENERATORS, generator.name);
    cpSync(from, path.join(DIST, 'generators', generator.name), {
      recursive: true,
      filter: (source) => {
        const relative = path.relative(from, source);
        return relative === '' || !path.extname(relative) || isAsset(relative);
      },
    });
  }
}

const step = process.argv[2];
if (step === 'clean') rmSync(DIST, { recursive: true, force: true });
else if (step === 'assets') copyAssets();
else throw new Error(`build/dist.ts: unknown step "${step ?? ''}" (clean or assets)`);
