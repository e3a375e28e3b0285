/**
 * Where the UI layer (npm run test:ui) finds the OpenMetadata UI's own tools: the folder .ci/ui-tools.sh
 * installs test/ui/tools/package.json into (GC_UI_TOOLS, which .ci/run sets), and Debian's chromium
 * (GC_CHROMIUM, default /usr/bin/chromium). Without them the specs are pending with the reason, and
 * fail under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface UiTools {
  /** the folder whose node_modules holds the pinned tools */
  folder: string;
  /** a bin of that folder's node_modules/.bin */
  bin: (name: string) => string;
  /** the system browser playwright-core drives (it downloads none) */
  chromium: string;
}

/** The tools, or why they cannot be had here. */
export function uiTools(env: NodeJS.ProcessEnv = process.env): UiTools | string {
  const folder = env.GC_UI_TOOLS;
  if (!folder) return 'GC_UI_TOOLS is not set (`export GC_UI_TOOLS=$(.ci/ui-tools.sh)` installs test/ui/tools and names it)';
  if (!existsSync(path.join(folder, 'node_modules'))) return `GC_UI_TOOLS=${folder} holds no node_modules (run .ci/ui-tools.sh)`;
  const chromium = env.GC_CHROMIUM ?? '/usr/bin/chromium';
  const version = spawnSync(chromium, ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return `no chromium at ${chromium} (apt-get install chromium, or set GC_CHROMIUM)`;
  return { folder: path.resolve(folder), bin: (name) => path.join(path.resolve(folder), 'node_modules/.bin', name), chromium };
}

/** The tools for a spec's `before`: pending without them, failing under CI=true. */
export function requireUiTools(context: Mocha.Context): UiTools {
  const tools = uiTools();
  if (typeof tools !== 'string') return tools;
  if (process.env.CI === 'true') throw new Error(`the UI layer needs its tools: ${tools}`);
  context.skip();
}
