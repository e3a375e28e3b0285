/**
 * The Python tools each host release pins, as installed where the tests find them: the OpenMetadata
 * host venvs (.ci/host-venvs.py: black, isort and pycln for 1.12, ruff for 2.0, at the versions the
 * release's wheel pins) and mage-ai's flake8 + flake8-bugbear (GC_MAGE_TOOLS). Each check runs its
 * tool once over the files of many generated trees.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { releaseFacts } from '../../generators/openmetadata/facts/index.js';
import type { OpenMetadataRelease } from '../../generators/openmetadata/profile/fields.js';
import { REPO_ROOT } from './fixtures.js';
import { PYTHON_ENV, spawnTool } from './spawn.js';

const hostCache = (): string => process.env.GENERATOR_CONNECTOR_CACHE ?? path.join(os.homedir(), '.cache/generator-connector/host');

/** The bin folder of the host venv of a release line, or why there is none. */
export function hostVenvBin(line: OpenMetadataRelease): { bin: string } | { missing: string } {
  const index = path.join(hostCache(), 'current.json');
  const fix = 'python3 .ci/host-venvs.py builds it (.ci/run does, before npm test)';
  if (!existsSync(index)) return { missing: `no host venvs under ${hostCache()} (current.json): ${fix}` };
  const pins = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/host/releases.json'), 'utf8')) as {
    releases: Array<{ line: string; ingestion: string }>;
  };
  const ingestion = pins.releases.find((r) => r.line === line)?.ingestion;
  const built = JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>;
  const hostJson = ingestion ? built[ingestion] : undefined;
  if (!hostJson || !existsSync(hostJson)) return { missing: `the host venv of ${line} (${ingestion ?? 'no pin'}) is not built: ${fix}` };
  const { venv } = JSON.parse(readFileSync(hostJson, 'utf8')) as { venv: string };
  return { bin: path.join(venv, 'bin') };
}

/** Every tool the profile property judges with: python3, both releases' host venvs, mage-ai's flake8. */
export interface ReleaseTools {
  /** python3, for compileErrors */
  python: string;
  /** bin folders of the OpenMetadata host venvs, by release line */
  openmetadata: Record<OpenMetadataRelease, string>;
  /** GC_MAGE_TOOLS: flake8 with flake8-bugbear */
  mage: string;
}

/** The tools, or every one that is missing and how to get it. */
export function releaseTools(): ReleaseTools | { missing: string } {
  const missing: string[] = [];
  const v112 = hostVenvBin('1.12');
  const v20 = hostVenvBin('2.0');
  if ('missing' in v112) missing.push(v112.missing);
  if ('missing' in v20) missing.push(v20.missing);
  const mage = process.env.GC_MAGE_TOOLS;
  if (!mage) missing.push('GC_MAGE_TOOLS is not set (.ci/run builds the venv of test/mage/tools-requirements.txt and sets it)');
  if (!('bin' in v112) || !('bin' in v20) || !mage) return { missing: missing.join('; ') };
  return { python: 'python3', openmetadata: { '1.12': v112.bin, '2.0': v20.bin }, mage };
}

/** A tool's exit status and everything it printed. */
function statusAndOutput(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnTool(command, args, { cwd, env: PYTHON_ENV });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`.trim() };
}

const quoted = (items: readonly string[]): string => items.map((i) => JSON.stringify(i)).join(', ');

/** The release's ruff settings (its facts, read from ingestion/pyproject.toml) as a pyproject.toml ruff reads. */
function ruffConfig(line: OpenMetadataRelease, folder: string): string {
  const facts = releaseFacts(line);
  const ruff = facts.pythonFormatting.ruff;
  if (!ruff) throw new Error(`release ${line} has no ruff settings`);
  const lines = [
    '[tool.ruff]',
    `line-length = ${facts.python.lineLength}`,
    `target-version = ${JSON.stringify(ruff.targetVersion)}`,
    '[tool.ruff.lint]',
    `select = [${quoted(ruff.select)}]`,
    `ignore = [${quoted(ruff.ignore)}]`,
    '[tool.ruff.lint.per-file-ignores]',
    ...Object.entries(ruff.perFileIgnores).map(([glob, codes]) => `${JSON.stringify(glob)} = [${quoted(codes)}]`),
    '[tool.ruff.lint.isort]',
    `known-first-party = [${quoted(ruff.knownFirstParty)}]`,
    '[tool.ruff.lint.mccabe]',
    `max-complexity = ${ruff.maxComplexity}`,
    '[tool.ruff.lint.flake8-tidy-imports]',
    `ban-relative-imports = ${JSON.stringify(ruff.banRelativeImports)}`,
  ];
  const dir = path.join(folder, '.ruff-config');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'pyproject.toml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * What the release's formatters would change in `files` (relative to `root`): for 1.12 pycln, isort
 * (profile black, its first-party packages) and black at the release's line length; for 2.0 ruff check
 * and ruff format with the release's settings. Empty when they leave every file as it is.
 */
export function releaseFormatterProblems(line: OpenMetadataRelease, bin: string, root: string, files: string[]): string[] {
  if (files.length === 0) return [];
  const facts = releaseFacts(line);
  const tool = (name: string): string => path.join(bin, name);
  const runs: Record<string, string[]> = {};
  if (facts.pythonFormatting.tool === 'ruff') {
    const config = ruffConfig(line, root);
    runs['ruff check'] = [tool('ruff'), 'check', '--no-cache', '--config', config, ...files];
    runs['ruff format'] = [tool('ruff'), 'format', '--check', '--diff', '--no-cache', '--config', config, ...files];
  } else {
    const isort = facts.pythonFormatting.isort!;
    runs.pycln = [tool('pycln'), '--check', '--all', ...files];
    runs.isort = [
      tool('isort'),
      '--check-only',
      '--diff',
      '--profile',
      isort.profile,
      ...isort.knownFirstParty.flatMap((n) => ['--project', n]),
      ...files,
    ];
    runs.black = [tool('black'), '--check', '--diff', '--quiet', '--line-length', String(facts.python.lineLength), ...files];
  }
  const problems: string[] = [];
  for (const [name, [command, ...args]] of Object.entries(runs)) {
    const result = statusAndOutput(command!, args, root);
    if (result.status !== 0) problems.push(`${name} (${line}):\n${result.output}`);
  }
  return problems;
}

/** flake8 (with flake8-bugbear) from GC_MAGE_TOOLS at mage-ai's line length: "file:line:col CODE message" lines. */
export function mageFlake8Problems(bin: string, root: string, files: string[], maxLineLength: number): string[] {
  if (files.length === 0) return [];
  const result = statusAndOutput(path.join(bin, 'flake8'), ['--isolated', `--max-line-length=${maxLineLength}`, ...files], root);
  if (result.status === 0) return [];
  return result.output.split('\n').filter(Boolean);
}
