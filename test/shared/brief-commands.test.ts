/**
 * Every command block of both briefs runs as pasted, in order, in one shell
 * that starts at the checkout root. The host's tools are replaced by stubs
 * that fail unless they run where they would work: make beside a Makefile,
 * mvn beside a pom.xml, yarn beside a package.json, pytest and python on
 * files that exist from the folder they run in.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runGenerator, tempDir } from '../support/generate.js';
import { requireFixtures } from '../support/fixtures.js';
import { briefPathOf, completeProfile, HOST_CASES } from '../support/hosts.js';
import { seedCheckout } from '../support/checkouts.js';

/** Each stub logs `<tool> <cwd relative to the root>` and fails (exit 3) where the real tool would. */
const STUBS: Record<string, string> = {
  make: '[ -f Makefile ] || { echo "make: no Makefile in $PWD" >&2; exit 3; }',
  mvn: '[ -f pom.xml ] || { echo "mvn: no pom.xml in $PWD" >&2; exit 3; }',
  yarn: '[ -f package.json ] || { echo "yarn: no package.json in $PWD" >&2; exit 3; }',
  'python3.11': '[ "$*" = "-m venv env" ] || exit 3; mkdir -p env/bin && : > env/bin/activate',
  // `metadata ingest -c <workflow>`, the brief's next step: the workflow file must exist from where it runs
  metadata:
    '[ "$1" = ingest ] && [ "$2" = -c ] && [ -f "$3" ] || { echo "metadata: expected ingest -c <existing file> from $PWD, got $*" >&2; exit 3; }',
  pytest: 'for f in "$@"; do case "$f" in -*) ;; *) [ -e "$f" ] || { echo "pytest: no $f from $PWD" >&2; exit 3; } ;; esac; done',
  // the next steps' formatter and linter (Mage): every path they are given exists from where they run; a flag's value is a number
  isort: 'for f in "$@"; do case "$f" in -*|black) ;; *) [ -e "$f" ] || { echo "isort: no $f from $PWD" >&2; exit 3; } ;; esac; done',
  flake8: 'for f in "$@"; do case "$f" in -*|[0-9]*) ;; *) [ -e "$f" ] || { echo "flake8: no $f from $PWD" >&2; exit 3; } ;; esac; done',
  python3: [
    'if [ "$1" = "-m" ] && [ "$2" = "unittest" ]; then',
    '  file="$(echo "$3" | tr . /).py"; [ -f "$file" ] || { echo "unittest: no $file from $PWD" >&2; exit 3; }',
    'else [ -f "$1" ] || { echo "python3: no $1 from $PWD" >&2; exit 3; }; fi',
  ].join('\n'),
};

function stubBin(root: string, log: string): string {
  const bin = tempDir('brief-stubs-');
  for (const [tool, body] of Object.entries(STUBS)) {
    const file = path.join(bin, tool);
    writeFileSync(file, `#!/bin/sh\necho "${tool} $(realpath --relative-to=${root} "$PWD")" >> ${log}\n${body}\n`);
    chmodSync(file, 0o755);
  }
  return bin;
}

/** The shell blocks of a Markdown file, in order. */
const shellBlocks = (markdown: string): string[] => [...markdown.matchAll(/^(`{3,})(?:bash|sh)\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]!);

/** The folders of the host tree each tool needs, beside the generated files. */
const HOST_TREE: Record<string, string[]> = {
  openmetadata: ['Makefile', 'pom.xml', 'ingestion/Makefile', 'openmetadata-ui/src/main/resources/ui/package.json'],
  mage: [],
};

for (const c of HOST_CASES) {
  describe(`brief commands (${c.host})`, function () {
    it('every shell block runs as pasted, in order, from the checkout root, each tool where it works', async function () {
      if (c.host === 'openmetadata') requireFixtures(this, 'openmetadata');
      const root = tempDir(`brief-${c.host}-`);
      seedCheckout(c.host, root);
      for (const file of HOST_TREE[c.host]!) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), '');
      }
      await runGenerator(c.generator, c.minimal, { cwd: root });
      const blocks = shellBlocks(readFileSync(path.join(root, briefPathOf(c, completeProfile(c))), 'utf8'));
      assert.ok(blocks.length >= (c.host === 'openmetadata' ? 4 : 3), `only ${blocks.length} shell blocks`);
      const log = path.join(tempDir(), 'calls.log');
      const script = ['set -eu', ...blocks].join('\n');
      const result = spawnSync('bash', ['-c', script], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${stubBin(root, log)}:${process.env.PATH}` },
      });
      assert.equal(result.status, 0, `${result.stderr}\nscript:\n${script}`);
      const calls = readFileSync(log, 'utf8').trim().split('\n');
      const expected = blocks
        .join('\n')
        .split('\n')
        .filter((line) => /^\(?(cd [^&]+&& )?(make|mvn|yarn|python3(\.11)?|pytest|metadata|isort|flake8)\b/.test(line.trim()));
      assert.equal(calls.length, expected.length, `calls:\n${calls.join('\n')}\nexpected the commands of:\n${expected.join('\n')}`);
    });
  });
}
