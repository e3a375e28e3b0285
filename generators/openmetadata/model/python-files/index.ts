/**
 * Values of the generated Python files, one builder per file. Python only
 * ever sees validated identifiers and constants, laid out by ../../python.ts
 * the way isort and black would.
 */
import type { OpenMetadataProfile } from '../../profile/spec.js';
import { clientValues } from './client.js';
import { connectionChecksValues, connectionValues } from './connection.js';
import { pythonContext } from './context.js';
import { integrationValues } from './integration-tests.js';
import { metadataValues } from './metadata.js';
import { lineageValues, queriesValues, queryParserValues, usageValues } from './query-log.js';
import { serviceSpecValues } from './service-spec.js';
import { unitTestValues } from './unit-test.js';

export function pythonData(profile: OpenMetadataProfile) {
  const ctx = pythonContext(profile);
  const { classes } = ctx;
  return {
    classes: {
      connection: classes.connection,
      source: classes.source,
      client: classes.client,
      queryParser: classes.queryParser,
      base: ctx.base.name,
    },
    constants: ctx.constants,
    /** between a module docstring and the code: a blank line where the release's formatter wants one */
    gap: ctx.layout.docstringGap,
    metadata: metadataValues(ctx),
    connection: connectionValues(ctx),
    checks: connectionChecksValues(ctx),
    client: clientValues(ctx),
    queries: queriesValues(ctx),
    queryParser: queryParserValues(ctx),
    lineage: lineageValues(ctx),
    usage: usageValues(ctx),
    serviceSpec: serviceSpecValues(ctx),
    unitTest: unitTestValues(ctx),
    integration: integrationValues(ctx),
  };
}

export type PythonData = ReturnType<typeof pythonData>;
