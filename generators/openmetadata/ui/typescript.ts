/**
 * The TypeScript compiler API, loaded on first use. It parses the checkout's UI files (ui/), so it
 * is a dependency of the package (pinned, as every dependency); but it is some 9 MB of JavaScript,
 * so only a run whose checkout has one of those files loads it, not every run (nor --help).
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';

let compiler: typeof TS | undefined;

export function typescript(): typeof TS {
  // createRequire's require() returns any; what it loads here is this package's own pinned typescript
  compiler ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return compiler;
}

export type { TS };
