/**
 * Runtime helper of the bundle (build/bundle.ts): the URL a dependency's module had as
 * `import.meta.url` before it was bundled, so that it still finds its own files (e.g.
 * yeoman-environment reads its version from its package.json). Each package of the chain
 * is looked up as Node looks it up: the first from the bundle's folder, each next one from
 * the folder of the one before, whatever the install layout.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function packageFolder(name: string, from: string): string {
  const folders = createRequire(path.join(from, 'noop.js')).resolve.paths(name) ?? [];
  const found = folders.map((folder) => path.join(folder, name)).find((folder) => existsSync(path.join(folder, 'package.json')));
  if (!found) throw new Error(`generator-connector: ${name} is not installed (looked from ${from}); reinstall generator-connector`);
  return found;
}

/** `packages`: the chain of names, e.g. ['tinyglobby', 'fdir'] for tinyglobby/node_modules/fdir; `file`: inside the last one. */
export function packageFileUrl(packages: readonly string[], file: string): string {
  const folder = packages.reduce((from, name) => packageFolder(name, from), path.dirname(fileURLToPath(import.meta.url)));
  return pathToFileURL(path.join(folder, file)).href;
}
