/** Registration in `<type>Service.json`. (skeleton: to be completed) */
import type { PartialProfile } from '../../core/profile/field.js';
import type { OpenMetadataProfile } from '../../core/profile/openmetadata.js';
import type { Problem } from '../../core/profile/validate.js';
import type { RegistrationReport } from '../../core/registration.js';

export function registrations(_profile: OpenMetadataProfile, checkoutRoot: string | undefined): RegistrationReport {
  return { checkoutRoot, edits: [], manualSteps: [] };
}

export function checkoutProblems(_profile: PartialProfile, _root: string, _stored: PartialProfile | undefined): Problem[] {
  return [];
}
