/**
 * The streams of an API or file source: streams/<stream>.py and schemas/<stream>.json. An API stream reads
 * the --api-endpoints call profile/streams.ts gives it, its path parameters filled from the
 * config or from a parent stream's records; a stream without one gets a path to fill in.
 */
import { streamClassName, type MageProfile } from '../profile/spec.js';
import { streamCalls, type StreamCall } from '../profile/streams.js';
import { pythonString } from '../../../core/text.js';
import { moduleStringValue } from './client.js';
import { streamModuleImports } from './imports.js';

export interface StreamModel {
  id: string;
  className: string;
  /** Python literals */
  idLiteral: string;
  urlPathLiteral: string;
  /** the comment above URL_PATH */
  urlPathComment: string;
  /** the import block of streams/<id>.py */
  imports: string;
  /** the entries of PATH_CONFIG, `"placeholder": "config_key",`; empty when the path has none from the config */
  pathConfigEntries: string[];
  /** the parent stream whose records fill the last path parameter */
  parent?: { className: string; fieldLiteral: string };
  /** schemas/<id>.json */
  schemaJson: string;
}

/** What the streams of a source need of streams/base.py and __init__.py beyond a plain paginated GET. */
export interface StreamsUse {
  /** some stream's path has parameters: base.py fills them in */
  pathParameters: boolean;
  /** some stream has a parent: base.py walks the parent's records */
  parents: boolean;
  /** the stream test connection and the unit tests call: the first whose calls need no parent */
  testStream: StreamModel | undefined;
  /** the Python expression test_connection takes its stream class from */
  testConnectionClass: string;
}

const UNKNOWN_PATH_COMMENT = '# TODO: the endpoint of this stream, relative to the base URL.';
const ENDPOINT_PATH_COMMENT = '# The call of --api-endpoints this stream reads, relative to the base URL.';

function streamModel(id: string, call: StreamCall | undefined): StreamModel {
  const parentId = call?.parent?.streamId;
  return {
    id,
    className: streamClassName(id),
    idLiteral: pythonString(id),
    // a class attribute: four columns of indent
    urlPathLiteral: call ? moduleStringValue('URL_PATH', call.endpoint.path, undefined, '    ') : pythonString(`/${id}`),
    urlPathComment: call ? ENDPOINT_PATH_COMMENT : UNKNOWN_PATH_COMMENT,
    imports: streamModuleImports(parentId),
    pathConfigEntries: (call?.fromConfig ?? []).map(({ placeholder, key }) => `${pythonString(placeholder)}: ${pythonString(key)},`),
    ...(call?.parent ? { parent: { className: streamClassName(call.parent.streamId), fieldLiteral: pythonString(call.parent.field) } } : {}),
    schemaJson: prettyJson(streamSchema()),
  };
}

/** JSON indented by two spaces, with arrays of plain values on one line (`"type": ["null", "string"]`). */
export function prettyJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The JSON Schema of a generated stream: a placeholder record with nullable types, replaced by the implementer. */
export function streamSchema(): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      id: { type: ['null', 'string'] },
      updated_at: { type: ['null', 'string'], format: 'date-time' },
    },
  };
}

export function streamModels(profile: MageProfile): StreamModel[] {
  const calls = streamCalls(profile);
  return profile.streams.map((id) => streamModel(id, calls.get(id)));
}

export function streamsUse(profile: MageProfile, models: readonly StreamModel[]): StreamsUse {
  const calls = [...streamCalls(profile).values()];
  const testStream = models.find((m) => !m.parent);
  return {
    pathParameters: calls.some((c) => c.endpoint.params.length > 0),
    parents: calls.some((c) => c.parent),
    testStream,
    // the first stream, unless its calls need a parent's records
    testConnectionClass: testStream === models[0] || !testStream ? 'next(iter(STREAMS.values()))' : `STREAMS[${testStream.idLiteral}]`,
  };
}
