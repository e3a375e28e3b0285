/**
 * Build step (after tsc): the published bin, dist/connector.js, as an esbuild bundle of
 * bin/connector.ts and everything it imports, so that a run loads a few files instead of
 * some 2,600 from 275 packages. Each dynamic import stays a chunk of its own (splitting):
 * `--help` loads none of Yeoman. The generators' compiled files (dist/generators/<name>/index.js and
 * templates/) stay where yo and composeWith find them; the bundle registers its copies of
 * the generator classes under those paths, so their templates resolve to the same folders.
 */
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Loader, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTDIR = path.join(ROOT, 'dist');
const HELPER = path.join(ROOT, 'build/package-file-url.ts');
const posix = (file: string): string => file.split(path.sep).join('/');

/**
 * A bundled module's `import.meta.url` is the chunk's. Each module gets back the URL of its
 * own file: the package's files relative to the chunk (tsc's output in dist/core/, dist/generators/
 * and dist/bin/, beside the chunks), a dependency's through packageFileUrl (its install folder is known only at run time).
 */
function originalUrl(file: string): { expression: string; prelude: string } {
  const dependency = posix(path.relative(path.join(ROOT, 'node_modules'), file));
  if (dependency.startsWith('../')) {
    // a source's compiled file sits at the same path under dist/; a file built into dist/ is its own
    const fromDist = !path.relative(OUTDIR, file).startsWith('..');
    const compiled = posix(fromDist ? path.relative(OUTDIR, file) : path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    return { expression: `new URL(${JSON.stringify(compiled)}, import.meta.url).href`, prelude: '' };
  }
  // e.g. tinyglobby/node_modules/fdir/dist/index.mjs -> ['tinyglobby', 'fdir'] and dist/index.mjs
  const segments = dependency.split('/');
  const packages: string[] = [];
  for (let first = segments[0]; first !== undefined; first = segments[0]) {
    const name = segments.splice(0, first.startsWith('@') ? 2 : 1).join('/');
    packages.push(name);
    if (segments[0] !== 'node_modules') break;
    segments.shift();
  }
  return {
    expression: `__packageFileUrl(${JSON.stringify(packages)}, ${JSON.stringify(segments.join('/'))})`,
    prelude: `import { packageFileUrl as __packageFileUrl } from ${JSON.stringify(HELPER)};\n`,
  };
}

const keepImportMetaUrl: Plugin = {
  name: 'keep-import-meta-url',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.(ts|js|mjs)$/ }, async ({ path: file }) => {
      if (file === HELPER) return undefined; // it resolves packages from the chunk's own folder
      const source = await readFile(file, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const { expression, prelude } = originalUrl(file);
      const loader: Loader = file.endsWith('.ts') ? 'ts' : 'js';
      return { contents: prelude + source.replaceAll('import.meta.url', expression), loader };
    });
  },
};

/**
 * Dependencies the bin's generators never call, left out of the bundle: each is replaced by a
 * stand-in in build/left-out/ that fails, naming what is missing, if it is ever called. Without
 * them the bundle would hold 2,194 modules (6 MB) instead of 1,444 (2.5 MB).
 */
const LEFT_OUT: Record<string, string> = {
  // yeoman-environment installs missing generators with it (and @npmcli/arborist, pacote, sigstore);
  // the bin runs only this package's generators
  'fly-import': 'fly-import.ts',
  // yeoman-generator's addDependencies asks the npm registry with it (package-json, ky and, through ky,
  // Node's fetch); these generators add no dependencies
  'latest-version': 'latest-version.ts',
  // inquirer's editor prompt (with iconv-lite and chardet, 650 kB); no question here is an editor prompt
  '@inquirer/external-editor': 'external-editor.ts',
  // the environment's package-manager install step; the generators declare a custom install task (none),
  // so the step returns before choosing a package manager or running one
  execa: 'execa.ts',
  'which-package-manager': 'which-package-manager.ts',
  // yeoman-environment's lookup of installed generators (yo's); the bin registers its own and looks up none
  globby: 'globby.ts',
  // yeoman-generator's this.git and this.user.git; these generators read no git configuration
  'simple-git': 'simple-git.ts',
};

const leaveOutUnused: Plugin = {
  name: 'leave-out-unused',
  setup(pluginBuild) {
    const names = Object.keys(LEFT_OUT).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pluginBuild.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, ({ path: name }) => {
      // the filter lets through only LEFT_OUT's names
      const standIn = LEFT_OUT[name];
      if (standIn === undefined) throw new Error(`Internal error: ${name} is not left out`);
      return { path: path.join(ROOT, 'build/left-out', standIn) };
    });
  },
};

/**
 * jsonc-parser's "main" is a UMD build whose factory require()s its own files by relative path at
 * run time, which a bundle cannot follow; its "module" build is plain ES modules, bundled like any other.
 */
const jsoncParserAsEsm: Plugin = {
  name: 'jsonc-parser-as-esm',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: path.join(ROOT, 'node_modules/jsonc-parser/lib/esm/main.js') }));
  },
};

/**
 * The profile validators are compiled into dist/ (build/validators.ts), not beside validate.ts, whose
 * import of them the bundle resolves there, so that the bin carries them.
 */
const precompiledValidators: Plugin = {
  name: 'precompiled-validators',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/validators\.generated\.js$/ }, () => ({ path: path.join(OUTDIR, 'core/profile/validators.generated.js') }));
  },
};

// chunk names change with their contents: the last build's chunks go (dist/'s folders are tsc's output)
for (const entry of readdirSync(OUTDIR, { withFileTypes: true })) if (entry.isFile() && entry.name.endsWith('.js')) rmSync(path.join(OUTDIR, entry.name));
await build({
  entryPoints: { connector: path.join(ROOT, 'bin/connector.ts') },
  outdir: OUTDIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  plugins: [leaveOutUnused, jsoncParserAsEsm, precompiledValidators, keepImportMetaUrl],
  // CommonJS dependencies call require() (of node: builtins among others), which an ES module lacks
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
});
