/**
 * Finding a host's Python tool (a console script such as datamodel-codegen) the way a
 * developer of that host has it: in the checkout's own venv first, then the active
 * venv, then PATH; and the interpreter the script runs on, so code can run beside it.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where a tool was found, in the order they are tried. */
export type ToolSource = 'checkout env' | 'VIRTUAL_ENV' | 'PATH';

export interface FoundTool {
  path: string;
  source: ToolSource;
}

export interface ToolPlace {
  source: ToolSource;
  /** the folder searched, or undefined when there is none (VIRTUAL_ENV unset, no checkout) */
  folder: string | undefined;
}

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The folders searched for a tool, in order: `<checkout>/env/bin` (upstream's `python3.11 -m venv env`
 * at the checkout root), `$VIRTUAL_ENV/bin` (the venv the user activated), then every PATH entry.
 */
export function toolPlaces(checkoutRoot: string | undefined, env: NodeJS.ProcessEnv): ToolPlace[] {
  const pathEntries = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return [
    { source: 'checkout env', folder: checkoutRoot ? path.join(checkoutRoot, 'env', 'bin') : undefined },
    { source: 'VIRTUAL_ENV', folder: env.VIRTUAL_ENV ? path.join(env.VIRTUAL_ENV, 'bin') : undefined },
    ...pathEntries.map((folder): ToolPlace => ({ source: 'PATH', folder })),
  ];
}

export function findTool(name: string, places: readonly ToolPlace[]): FoundTool | undefined {
  for (const { source, folder } of places) {
    if (!folder) continue;
    const candidate = path.join(folder, name);
    if (isExecutable(candidate)) return { path: candidate, source };
  }
  return undefined;
}

/**
 * The interpreter a pip-installed console script runs on, read from its first lines: `#!/venv/bin/python`,
 * or, when that path is too long for a shebang, pip's `#!/bin/sh` + `'''exec' "/venv/bin/python" "$0" "$@"`.
 * `#!/usr/bin/env python3` names a program to look up on PATH. Falls back to the `python` beside the script.
 */
export function interpreterOf(script: string, env: NodeJS.ProcessEnv): string {
  const head = readFileSync(script, 'utf8').slice(0, 2048).split('\n');
  const shebang = head[0]?.startsWith('#!') ? head[0].slice(2).trim() : '';
  const execLine = head.slice(1, 4).find((line) => line.startsWith("'''exec'"));
  const quoted = execLine ? /'''exec' "?([^" ]+)"?/.exec(execLine)?.[1] : undefined;
  const [program, argument] = shebang.split(/\s+/);
  const base = program ? path.basename(program) : '';
  const named = quoted ?? (base === 'env' ? argument : base === 'sh' ? undefined : program);
  if (named && path.isAbsolute(named) && isExecutable(named)) return named;
  if (named && !path.isAbsolute(named)) {
    const found = findTool(
      named,
      toolPlaces(undefined, env).filter((p) => p.source === 'PATH'),
    );
    if (found) return found.path;
  }
  return path.join(path.dirname(script), 'python');
}
