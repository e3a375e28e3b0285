/** The `source` part of a metadata workflow config, as the unit and integration tests write it. */
import { pyString, type DictEntries } from '../../python.js';
import type { PythonContext } from './context.js';

/** `serviceName` and `connectionConfig` are Python expressions (or dict entries for the connection). */
export function workflowSourceEntries(ctx: PythonContext, serviceName: string, connectionConfig: string | DictEntries): DictEntries {
  return [
    ['type', pyString(ctx.names.packageName)],
    ['serviceName', serviceName],
    ['serviceConnection', [['config', connectionConfig]]],
    ['sourceConfig', [['config', [['type', pyString(ctx.release.serviceTypes[ctx.profile.serviceType].metadataPipelineType)]]]]],
  ];
}
