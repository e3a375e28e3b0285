/** Where the brief generator is, for the host generators to compose it (core/ composes what a host names, and knows no generator). */
import { fileURLToPath } from 'node:url';
import type { ComposableGenerator } from '../../core/host.js';

export const CONTEXT_DOC_GENERATOR: ComposableGenerator = {
  path: fileURLToPath(new URL('./index.js', import.meta.url)),
  // imported only when a host composes it, so that loading a host does not load the brief generator
  load: async () => (await import('./index.js')).default,
};
