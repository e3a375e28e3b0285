/**
 * Build step (after tsc): compiles each registered host's profile schema into ajv standalone code,
 * dist/core/profile/validators.generated.js (beside the compiled validate.js that imports it), so that a
 * run neither loads ajv nor compiles the schema (about 0.1 s). Each validator carries the schema it was
 * compiled from: validate.ts uses it only while the fields still give that schema.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { buildProfileSchema, profileAjv } from '../core/profile/validate.js';
import { HOSTS } from '../generators/hosts.js';

const OUTPUT = fileURLToPath(new URL('../dist/core/profile/validators.generated.js', import.meta.url));
// ajv's standalone module is CommonJS with `exports.default` (which TypeScript's NodeNext types as such)
const standaloneCode = standaloneModule.default;

const specs = await Promise.all(HOSTS.map(async (host) => (await host.definition()).spec));
const ajv = profileAjv({ code: { source: true, esm: true } });
const schemas = new Map(specs.map((spec) => [spec.host, buildProfileSchema(spec)]));
for (const schema of schemas.values()) ajv.addSchema(schema);
const exportNames = Object.fromEntries([...schemas].map(([host, schema]) => [`validate_${host}`, String(schema.$id)]));
const entries = [...schemas].map(([host, schema]) => `  ${host}: { validate: validate_${host}, schema: ${JSON.stringify(JSON.stringify(schema))} },`);

writeFileSync(
  OUTPUT,
  [
    '// Written by build/validators.ts; do not edit.',
    // ajv's esm output still requires its runtime helpers (e.g. ucs2length)
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    standaloneCode(ajv, exportNames),
    `export const precompiled = {\n${entries.join('\n')}\n};`,
    '',
  ].join('\n'),
);
