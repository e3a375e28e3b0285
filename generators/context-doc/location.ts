/** Where the brief generator is, for the host generators to compose it (core/ composes what a host names, and knows no generator). */
import { fileURLToPath } from 'node:url';

export const CONTEXT_DOC_GENERATOR = fileURLToPath(new URL('./index.js', import.meta.url));
