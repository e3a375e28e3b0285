/** What the builders share, computed once per profile. */
import { mageNames, type MageNames, type MageProfile } from '../profile/spec.js';
import { authModel, type AuthModel } from './client.js';
import { driverModule } from './drivers.js';

export interface MageContext {
  profile: MageProfile;
  names: MageNames;
  className: string;
  uuid: string;
  auth: AuthModel;
  /** the DB-API module a SQL source imports, when its driver package is known */
  driver: string | undefined;
}

export function mageContext(profile: MageProfile): MageContext {
  const names = mageNames(profile);
  return {
    profile,
    names,
    className: names.className,
    uuid: names.uuid,
    auth: authModel(profile),
    driver: profile.connectorType === 'sql' ? driverModule(profile.pipPackages) : undefined,
  };
}
