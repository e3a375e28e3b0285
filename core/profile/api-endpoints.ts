/**
 * `--api-endpoints` read as HTTP calls: `GET /charts/{id}` is a method, a path
 * below the base URL and its path parameters, and gives a Python method name
 * (get_chart(id)). Entries that are not `METHOD /path` (free text such as "the
 * export call of the SDK") are kept for the brief with the reason; a path
 * parameter written wrong, or the same call listed twice, is a profile error.
 */
import { defined } from '../invariant.js';
import { isPythonReserved } from './names.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The methods that send a JSON body. */
export const BODY_METHODS: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH'];

export interface ApiEndpoint {
  /** the entry as the profile lists it */
  text: string;
  method: HttpMethod;
  /** the path as called, placeholders included, e.g. /charts/{id} or /dashboards?limit=10 */
  path: string;
  /** the path parameters in order: the placeholder's name and the Python parameter that fills it */
  params: Array<{ placeholder: string; name: string }>;
  /** the client method, e.g. get_chart */
  methodName: string;
  /** the last literal segment of the path, snake_case (what a list call lists), e.g. charts */
  resource: string;
}

export interface UnparsedEndpoint {
  text: string;
  /** why no client method was written, for the brief */
  reason: string;
}

export interface ParsedEndpoints {
  endpoints: ApiEndpoint[];
  unparsed: UnparsedEndpoint[];
  /** mistakes in entries that are plainly meant as calls: the profile is refused */
  errors: string[];
}

/** What a path segment, and the query string, may hold: URL characters that are safe in a Python string. */
const SEGMENT = /^[A-Za-z0-9._~!$&*+,;=:@%-]*$/;
const QUERY = /^[A-Za-z0-9._~!$&*+,;=:@%/?-]*$/;
const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
/** Segments that name no resource: `api`, `v1`, `v2.1`. */
const PREFIX_SEGMENT = /^(api|rest|v\d+(\.\d+)*)$/i;

/** `chartId` -> `chart_id`, `user-groups` -> `user_groups`. */
export const snakeWord = (word: string): string =>
  word
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();

/** The singular of an English plural, for a segment followed by a parameter: charts/{id} -> chart. */
export function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(x|ch|sh|ss|z)es$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** A name that Python or the method's own parameters (self, body) already use gets a trailing underscore. */
const safeParam = (name: string): string => (isPythonReserved(name) || name === 'self' || name === 'body' ? `${name}_` : name);

/** `name`, or `name_2`, `name_3`... when taken. */
function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${name}_${n}`;
  taken.add(candidate);
  return candidate;
}

/** A call as read from its entry, before its method name is made unique. */
interface Call extends Omit<ApiEndpoint, 'methodName'> {
  /** the words of the method name after the HTTP method */
  words: string[];
}

type Parse = { call: Call } | { unparsed: string } | { error: string };

function parseOne(text: string): Parse {
  const match = /^\s*([A-Za-z]+)\s+(\/\S*)(\s.*)?$/s.exec(text);
  const method = match?.[1]?.toUpperCase();
  if (!match || !(HTTP_METHODS as readonly string[]).includes(method ?? '')) {
    return { unparsed: `not an HTTP call: write it as METHOD /path, METHOD one of ${HTTP_METHODS.join(', ')}` };
  }
  const [, , route = ''] = match;
  const [pathPart = '', query] = route.split(/\?(.*)/s);
  if (query !== undefined && !QUERY.test(query)) return { unparsed: 'the query string has characters a client path does not take (quotes, braces, backslashes)' };
  const segments = pathPart.split('/').slice(1);
  const params: ApiEndpoint['params'] = [];
  const words: string[] = [];
  const taken = new Set<string>();
  for (const [i, segment] of segments.entries()) {
    const placeholder = PLACEHOLDER.exec(segment)?.[1];
    if (placeholder) {
      // {_} has no letters to name a parameter after
      params.push({ placeholder, name: safeParam(unique(snakeWord(placeholder) || 'value', taken)) });
      // charts/{id} names one chart
      const named = words.at(-1);
      if (named !== undefined && !PLACEHOLDER.test(segments[i - 1] ?? '')) words.splice(-1, 1, singular(named));
      continue;
    }
    if (/[{}]/.test(segment)) return { error: `${segment}: a path parameter is {name}, a letter or _ then letters, digits or _ (e.g. {chart_id})` };
    if (!SEGMENT.test(segment)) return { unparsed: 'the path has characters a client path does not take (quotes, backslashes, backticks)' };
    if (!PREFIX_SEGMENT.test(segment) && snakeWord(segment)) words.push(snakeWord(segment));
  }
  const resource = segments.filter((s) => !PLACEHOLDER.test(s)).map(snakeWord).filter(Boolean).at(-1) ?? '';
  const path = query === undefined ? pathPart : `${pathPart}?${query}`;
  return { call: { text, method: method as HttpMethod, path, params, resource, words } };
}

/** The endpoint's path with each placeholder replaced by what `fill` makes of its parameter (one per placeholder, in order). */
export function fillPlaceholders(endpoint: ApiEndpoint, fill: (param: ApiEndpoint['params'][number]) => string): string {
  let index = 0;
  return endpoint.path.replace(/\{[^}]*\}/g, () => fill(defined(endpoint.params[index++], `${endpoint.path} has a parameter for each placeholder (parseOne)`)));
}

/** Every entry of --api-endpoints: the calls the client gets a method for, the rest with the reason, and the errors. */
export function parseApiEndpoints(entries: readonly string[]): ParsedEndpoints {
  const result: ParsedEndpoints = { endpoints: [], unparsed: [], errors: [] };
  const names = new Set<string>();
  const calls = new Set<string>();
  for (const text of entries) {
    const parsed = parseOne(text);
    if ('error' in parsed) {
      result.errors.push(`"${text}": ${parsed.error}`);
    } else if ('unparsed' in parsed) {
      result.unparsed.push({ text, reason: parsed.unparsed });
    } else {
      const { words, ...endpoint } = parsed.call;
      // the same call whatever its placeholders are named
      const call = `${endpoint.method} ${endpoint.path.replace(/\{[^}]*\}/g, '{}')}`;
      if (calls.has(call)) {
        result.errors.push(`"${text}": ${endpoint.method} ${endpoint.path} is listed twice; keep one`);
        continue;
      }
      calls.add(call);
      const name = [endpoint.method.toLowerCase(), ...(words.length > 0 ? words : ['root'])].join('_');
      result.endpoints.push({ ...endpoint, methodName: unique(name, names) });
    }
  }
  return result;
}
