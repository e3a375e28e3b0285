/**
 * Which `--api-endpoints` call each stream of a Mage API source reads, and where the values of its path
 * parameters come from. A stream reads the GET call named after it (`order_items` reads
 * `GET /orders/{id}/items`, whose client name is get_order_items), else the GET call whose last segment is
 * its id (`items`). A path parameter is filled as Singer taps fill them: when another stream reads the path
 * before the last parameter (`orders` reads `GET /orders`), the stream is its child, called once per parent
 * record with the parameter taken from the record; otherwise each parameter is a config key (`order_id`),
 * which the config keys then include.
 */
import { parseApiEndpoints, singular, snakeWord, type ApiEndpoint } from '../../../core/profile/api-endpoints.js';

/** A path parameter's name at most this long keeps every generated line within flake8's 100 columns. */
export const MAX_PATH_PARAMETER = 40;

export interface ConfigPathParameter {
  /** the placeholder in the path, e.g. id */
  placeholder: string;
  /** the config key that fills it, e.g. order_id */
  key: string;
}

export interface StreamCall {
  streamId: string;
  endpoint: ApiEndpoint;
  /** placeholders filled from config keys, in path order; empty when a parent stream fills them */
  fromConfig: ConfigPathParameter[];
  /** the parent stream: each of its records fills the last placeholder (from its `field`), its own call the others */
  parent?: { streamId: string; placeholder: string; field: string };
}

/** What the streams' calls follow from: a complete profile, or one still being composed. */
export interface StreamInputs {
  connectorType?: unknown;
  streams?: unknown;
  apiEndpoints?: unknown;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The segments of a call's path without its query string, empty ones left out. */
const segmentsOf = (endpoint: ApiEndpoint): string[] => {
  const [route = ''] = endpoint.path.split('?');
  return route.split('/').filter(Boolean);
};

const isPlaceholder = (segment: string): boolean => /^\{[^}]*\}$/.test(segment);

/** A path with its placeholders blanked: calls of one path compare equal whatever their placeholders are named. */
const shapeOf = (segments: readonly string[]): string => segments.map((s) => (isPlaceholder(s) ? '{}' : s)).join('/');

/** The GET calls each stream reads: named after the stream first, then by their last segment; each call read once. */
function matchStreams(streams: readonly string[], endpoints: readonly ApiEndpoint[]): Map<string, ApiEndpoint> {
  const gets = endpoints.filter((e) => e.method === 'GET');
  const taken = new Set<ApiEndpoint>();
  const matched = new Map<string, ApiEndpoint>();
  const pass = (fits: (e: ApiEndpoint, stream: string) => boolean) => {
    for (const stream of streams) {
      const endpoint = matched.has(stream) ? undefined : gets.find((e) => !taken.has(e) && fits(e, stream));
      if (endpoint) {
        matched.set(stream, endpoint);
        taken.add(endpoint);
      }
    }
  };
  pass((e, stream) => e.methodName === `get_${stream}`);
  // by the last segment only when the path ends in it: GET /orders/{id} returns one order, not a list
  pass((e, stream) => e.resource === stream && !isPlaceholder(segmentsOf(e).at(-1) ?? ''));
  return matched;
}

/** `{id}` after `orders` is the config's order_id; another placeholder is a key of its own name. */
function configKeyOf(segments: readonly string[], index: number, name: string): string {
  const before = segments[index - 1];
  const owner = before && !isPlaceholder(before) ? singular(snakeWord(before)) : '';
  const key = /^id(_\d+)?$/.test(name) && owner ? `${owner}_${name}` : name;
  return /^[a-z_][a-z0-9_]*$/.test(key) && key.length <= MAX_PATH_PARAMETER ? key : name;
}

function configParameters(endpoint: ApiEndpoint): ConfigPathParameter[] {
  const segments = segmentsOf(endpoint);
  // params are in path order, as the placeholders are
  const positions = segments.flatMap((segment, i) => (isPlaceholder(segment) ? [i] : []));
  const taken = new Set<string>();
  return endpoint.params.map((param, n) => {
    let key = configKeyOf(segments, positions[n] ?? 0, param.name);
    for (let k = 2; taken.has(key); k += 1) key = `${param.name}_${k}`;
    taken.add(key);
    return { placeholder: param.placeholder, key };
  });
}

/** The record field of a parent that fills a placeholder: its id for `{id}` and `{order_id}`, else the placeholder's name. */
const parentField = (placeholder: string): string => (/^(.*_)?id$/i.test(snakeWord(placeholder)) ? 'id' : placeholder);

/** What each stream of an API source reads, by stream id; streams no GET call fits are absent. */
export function streamCalls(p: StreamInputs): Map<string, StreamCall> {
  if (p.connectorType !== 'api') return new Map();
  const streams = strings(p.streams);
  const matched = matchStreams(streams, parseApiEndpoints(strings(p.apiEndpoints)).endpoints);
  const byShape = new Map([...matched].map(([stream, endpoint]) => [shapeOf(segmentsOf(endpoint)), stream]));
  const calls = new Map<string, StreamCall>();
  // in the order of the streams: the config keys they add follow it
  for (const streamId of streams) {
    const endpoint = matched.get(streamId);
    if (!endpoint) continue;
    const segments = segmentsOf(endpoint);
    const last = segments.map(isPlaceholder).lastIndexOf(true);
    const parentId = last >= 0 ? byShape.get(shapeOf(segments.slice(0, last))) : undefined;
    const placeholder = endpoint.params.at(-1)?.placeholder;
    if (parentId !== undefined && parentId !== streamId && placeholder !== undefined) {
      calls.set(streamId, { streamId, endpoint, fromConfig: [], parent: { streamId: parentId, placeholder, field: parentField(placeholder) } });
    } else {
      calls.set(streamId, { streamId, endpoint, fromConfig: configParameters(endpoint) });
    }
  }
  return calls;
}

/** The config keys the streams' path parameters take, each once, in stream order, with what each fills. */
export function pathParameterKeys(p: StreamInputs): Array<{ key: string; description: string }> {
  const keys = new Map<string, string>();
  for (const call of streamCalls(p).values()) {
    for (const { placeholder, key } of call.fromConfig) {
      if (!keys.has(key)) keys.set(key, `Path parameter ${placeholder} of the ${call.streamId} stream's endpoint`);
    }
  }
  return [...keys].map(([key, description]) => ({ key, description }));
}

/** Path parameters too long for the generated lines, as problems of --api-endpoints (api sources only). */
export function longPathParameters(p: StreamInputs): string[] {
  if (p.connectorType !== 'api') return [];
  return parseApiEndpoints(strings(p.apiEndpoints)).endpoints.flatMap((e) =>
    e.params.filter((param) => param.placeholder.length > MAX_PATH_PARAMETER).map((param) => `"${e.text}": {${param.placeholder}} is longer than ${MAX_PATH_PARAMETER} characters; name the path parameter shorter`),
  );
}
