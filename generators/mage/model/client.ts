/** client.py of an API source (and its unit test): the credential checks get_headers applies, and the base URL. */
import type { MageAuthType } from '../../../core/profile/fields-mage.js';
import type { MageProfile } from '../../../core/profile/mage.js';
import { pythonString } from '../../../core/text.js';

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

export const apiValues = (profile: MageProfile) => ({ baseUrlLiteral: pythonString(profile.baseUrl) });
