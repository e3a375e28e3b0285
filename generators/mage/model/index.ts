/**
 * Values the Mage templates render. Everything is computed here: templates
 * print these strings and loop over these lists. User free text reaches
 * Python only through pythonString (the quotes black keeps), JSON only
 * through JSON.stringify, Markdown only through core/text.ts.
 *
 *   context.ts   what the builders share (names, auth, driver), computed once
 *   config.ts    the config keys: templates/config.json, the key tables, the tests' config
 *   client.ts    client.py: auth checks and base URL
 *   drivers.ts   the SQL driver: module, connect() keywords, casts
 *   sql.ts       the SQL source and its connection module
 *   streams.ts   streams/<stream>.py and schemas/<stream>.json
 *   imports.ts   the import block of each Python module
 *   docs.ts      README.md and the docs page
 *   brief.ts     what the brief renders beside every brief's values (core/brief.ts)
 */
import type { MageProfile } from '../profile/spec.js';
import { apiValues } from './client.js';
import { configValues } from './config.js';
import { mageContext } from './context.js';
import { docsValues } from './docs.js';
import { imports } from './imports.js';
import { sqlValues } from './sql.js';
import { streamModels, streamsUse } from './streams.js';

export function templateData(profile: MageProfile): Record<string, unknown> {
  const ctx = mageContext(profile);
  const streams = streamModels(profile);
  return {
    profile,
    names: ctx.names,
    uuid: ctx.uuid,
    className: ctx.className,
    connectorType: profile.connectorType,
    streams,
    firstStream: streams[0],
    streamsUse: streamsUse(profile, streams),
    auth: ctx.auth,
    imports: imports(ctx),
    ...configValues(profile),
    ...docsValues(profile),
    sql: sqlValues(ctx),
    api: apiValues(profile),
  };
}
