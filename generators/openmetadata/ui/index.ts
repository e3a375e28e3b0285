/**
 * Registration in the checkout's UI, as TypeScript edits made with the compiler's parser: the
 * connection schema in the category's service utils, an icon in ServiceIconUtils.ts, and a check
 * that `unSupportedServices` does not hide the type. Each edit is computed from the file on disk; a
 * missing file or an unknown shape is `skipped` with the reason (the run prints it, the brief lists it).
 */
import path from 'node:path';
import { readCheckoutFile } from '../../../core/host-checkout.js';
import { asRegistrationEdit, skipped, type RegistrationEdit, type TextEdit } from '../../../core/registration.js';
import { openMetadataNames, type OpenMetadataProfile } from '../profile/spec.js';
import { releaseFacts } from '../facts/index.js';
import { FILES, openMetadataFile } from '../plan.js';
import { addSchemaLoader } from './service-utils.js';
import { addServiceIcon } from './service-icons.js';
import { unsupportedProblem } from './unsupported.js';
import { quicktypeEnumMember } from './enum-members.js';

/** The UI files this module reads, relative to the checkout root. */
export function uiFiles(profile: OpenMetadataProfile): { serviceUtils: string; serviceIcons: string; serviceUtilClassBase: string } {
  const { paths, serviceTypes } = releaseFacts(profile.openmetadataVersion);
  return {
    serviceUtils: `${paths.uiSrc}/${serviceTypes[profile.serviceType].ui.serviceUtils}`,
    serviceIcons: `${paths.uiSrc}/${paths.uiServiceIcons}`,
    serviceUtilClassBase: `${paths.uiSrc}/${paths.uiServiceUtilClassBase}`,
  };
}

/** The key getServiceIcon looks a type up by: lower case, `_` and `-` dropped (ServiceIconUtils.ts). */
export const iconKey = (typeValue: string): string => typeValue.toLowerCase().replace(/[_-]/g, '');

/** An edit of one checkout file: its text run through `edit`, or skipped when the file cannot be read. */
function editFile(root: string, file: string, change: string, edit: (text: string) => TextEdit): RegistrationEdit {
  const read = readCheckoutFile(root, file);
  if (typeof read !== 'string') return skipped(file, change, `${read.reason}; do it by hand in the UI sources`);
  return asRegistrationEdit(file, change, edit(read));
}

/** The UI edits; `serviceEnum` is the service types' enum of the checkout's service schema (its values, in order). */
export function uiRegistrations(profile: OpenMetadataProfile, checkoutRoot: string, serviceEnum: readonly string[]): RegistrationEdit[] {
  const names = openMetadataNames(profile);
  const files = uiFiles(profile);
  const { serviceTypes } = releaseFacts(profile.openmetadataVersion);
  const asked = quicktypeEnumMember(`${names.definitionPrefix}ServiceType`, serviceEnum, names.typeValue);
  // the change's text names the member, so a reader sees how the UI spells the type
  const member = asked instanceof Error ? names.typeValue : asked;
  const schemaFile = path.posix.basename(openMetadataFile(profile, FILES.connectionSchema));
  const key = iconKey(names.typeValue);
  const fallbackKey = serviceTypes[profile.serviceType].ui.iconFallbackKey;
  const loaderChange = `the loader of connections/${profile.serviceType}/${schemaFile} for ${member}`;
  const edits = [
    asked instanceof Error
      ? skipped(files.serviceUtils, loaderChange, `the UI's name of ${names.typeValue} is unknown (${asked.message}); add the loader by hand`)
      : editFile(checkoutRoot, files.serviceUtils, loaderChange, (text) =>
          addSchemaLoader(files.serviceUtils, text, { serviceType: profile.serviceType, member, schemaFile }),
        ),
    editFile(checkoutRoot, files.serviceIcons, `the icon of ${key} (for now ${fallbackKey}'s, the category default)`, (text) =>
      addServiceIcon(files.serviceIcons, text, { key, fallbackKey }),
    ),
  ];
  const read = readCheckoutFile(checkoutRoot, files.serviceUtilClassBase);
  const problem =
    typeof read === 'string'
      ? unsupportedProblem(files.serviceUtilClassBase, read, names.definitionPrefix, member)
      : `${read.reason}; make sure the UI does not hide ${member}`;
  if (problem) edits.push(skipped(files.serviceUtilClassBase, `${member} left out of unSupportedServices`, problem));
  return edits;
}
