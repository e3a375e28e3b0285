/** client.py of an API source (and its unit test): the credential checks get_headers applies, and the base URL. */
import type { MageAuthType } from '../profile/fields.js';
import type { MageProfile } from '../profile/spec.js';
import { pythonString } from '../../../core/text.js';
import { MAGE_FACTS } from '../facts/index.js';

/** The credential checks of client.py, in the order get_headers applies them (later ones win on Authorization). */
const AUTH_ORDER: readonly MageAuthType[] = ['api_key', 'bearer', 'basic', 'oauth2'];

export interface AuthModel {
  apiKey: boolean;
  bearer: boolean;
  basic: boolean;
  oauth2: boolean;
  none: boolean;
  /** header-building auth types, in get_headers order */
  active: MageAuthType[];
}

export function authModel(profile: MageProfile): AuthModel {
  const chosen = new Set(profile.connectorType === 'api' ? profile.authTypes : []);
  return {
    apiKey: chosen.has('api_key'),
    bearer: chosen.has('bearer'),
    basic: chosen.has('basic'),
    oauth2: chosen.has('oauth2'),
    none: chosen.has('none'),
    active: AUTH_ORDER.filter((a) => chosen.has(a)),
  };
}

/**
 * Pieces of `text` whose literals fit in `width` columns, each ending after a `/` where one allows it
 * (a URL reads best split at its path separators), else cut at the width. Literal widths count the
 * escapes pythonString adds, and a cut never falls inside one.
 */
export function stringPieces(text: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest !== '') {
    let end = 1;
    while (end < rest.length && pythonString(rest.slice(0, end + 1)).length <= width) end += 1;
    if (end < rest.length) {
      const slash = rest.lastIndexOf('/', end - 1);
      // not at the `//` of the scheme or right at the start: a piece of a few characters helps nobody
      if (slash > 8) end = slash + 1;
    }
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return pieces;
}

/**
 * The value of `NAME = ...` within flake8's line length, at module level or, indented by `outer`, in a class
 * body: one literal when the line fits, else the implicit concatenation of literals in parentheses, one per
 * line (no `# noqa` needed).
 */
export function moduleStringValue(name: string, text: string, lineLength = MAGE_FACTS.flake8MaxLineLength, outer = ''): string {
  const literal = pythonString(text);
  if (`${outer}${name} = ${literal}`.length <= lineLength) return literal;
  const indent = `${outer}    `;
  // pieces within black's 88 columns as well (the width isort and black wrap at, importLineLength): black, at its
  // default or at mage-ai's 100, then keeps one literal per line, and flake8 has nothing to say
  const width = Math.min(lineLength, MAGE_FACTS.importLineLength) - indent.length;
  const pieces = stringPieces(text, width).map((piece) => `${indent}${pythonString(piece)}`);
  return ['(', ...pieces, `${outer})`].join('\n');
}

export const apiValues = (profile: MageProfile) => ({ baseUrlLiteral: moduleStringValue('BASE_URL', profile.baseUrl) });
