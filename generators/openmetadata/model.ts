/** Values the OpenMetadata templates render. (skeleton: to be completed) */
import { openMetadataNames, type OpenMetadataProfile } from '../../core/profile/openmetadata.js';

export function templateData(profile: OpenMetadataProfile): Record<string, unknown> {
  return { profile, names: openMetadataNames(profile) };
}
