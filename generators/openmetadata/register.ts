/**
 * Registration in an OpenMetadata checkout: the service type value in
 * `<type>Service.json` (enum, javaEnums, and the connection schema in the
 * config oneOf), edited as text so the file keeps its layout; the UI's TypeScript
 * (ui/); plus the steps left to do by hand (the real icon, screenshots), each with its path.
 */
import path from 'node:path';
import { SERVICE_TYPES, type ServiceType } from './profile/fields.js';
import type { PartialProfile } from '../../core/profile/field.js';
import { isPythonReserved } from '../../core/profile/names.js';
import { openMetadataNames, type OpenMetadataProfile } from './profile/spec.js';
import type { Problem } from '../../core/profile/validate.js';
import { readCheckoutFile } from '../../core/host-checkout.js';
import { insertIntoArray, JsonEditError, nodeAt, parseJson, valueOf, type JsonNode } from '../../core/json-edit.js';
import { skipped, type RegistrationEdit, type RegistrationReport } from '../../core/registration.js';
import { releaseProblems } from './checkout-release.js';
import { converterRegistrations } from './java/converter-registration.js';
import { isKnownRelease, releaseFacts, type ReleaseFacts } from './facts/index.js';
import { FILES, openMetadataFile } from './plan.js';
import { iconKey, uiRegistrations } from './ui/index.js';

/** `<type>Service.json`, relative to the checkout root. */
export const serviceFile = (release: ReleaseFacts, serviceType: ServiceType): string => `${release.paths.specServices}/${serviceType}Service.json`;

interface Target {
  change: string;
  path: string[];
  isPresent: (items: unknown[]) => boolean;
  item: string | Record<string, string>;
}

function targets(profile: OpenMetadataProfile): Target[] {
  const names = openMetadataNames(profile);
  const t = names.definitionPrefix;
  const value = names.typeValue;
  // the connection schema as the service file's $ref names it: relative to that file, where the plan puts it
  const serviceFolder = path.posix.dirname(serviceFile(releaseFacts(profile.openmetadataVersion), profile.serviceType));
  const ref = `./${path.posix.relative(serviceFolder, openMetadataFile(profile, FILES.connectionSchema))}`;
  const bare = (r: unknown): string => (typeof r === 'string' ? r.replace(/^\.\//, '') : '');
  return [
    {
      change: `${value} in definitions.${t}ServiceType.enum`,
      path: ['definitions', `${t}ServiceType`, 'enum'],
      isPresent: (items) => items.includes(value),
      item: value,
    },
    {
      change: `{"name": "${value}"} in definitions.${t}ServiceType.javaEnums`,
      path: ['definitions', `${t}ServiceType`, 'javaEnums'],
      isPresent: (items) => items.some((i) => (i as { name?: unknown } | null)?.name === value),
      item: { name: value },
    },
    {
      change: `{"$ref": "${ref}"} in definitions.${t}Connection.properties.config.oneOf`,
      path: ['definitions', `${t}Connection`, 'properties', 'config', 'oneOf'],
      // `./connections/...` and `connections/...` name the same file (search and storage use the latter)
      isPresent: (items) => items.some((i) => bare((i as { $ref?: unknown } | null)?.$ref) === bare(ref)),
      item: { $ref: ref },
    },
  ];
}

/**
 * What is left by hand once the edits are made: the connector's own icon (the edit maps it to its
 * category's default) and screenshots for its documentation. The UI edits, the guide beside the form
 * (a planned file) and the display name (the UI shows the type value; the locale files hold no
 * per-connector names) need nothing more.
 */
export function manualSteps(profile: OpenMetadataProfile): string[] {
  const names = openMetadataNames(profile);
  const { paths, serviceTypes } = releaseFacts(profile.openmetadataVersion);
  const { uiSrc } = paths;
  const { iconFallbackKey } = serviceTypes[profile.serviceType].ui;
  const key = iconKey(names.typeValue);
  return [
    `UI: the connector's own icon: add it as ${uiSrc}/assets/img/service-icon-${names.packageName}.png, import it in ${uiSrc}/${paths.uiServiceIcons} and map ${key} to it there (the run maps ${key} to ${iconFallbackKey}'s icon, the category default).`,
    `Docs: screenshots of the connection form and of the ingested assets for the connector's documentation page (the guide beside the form, ${openMetadataFile(profile, FILES.connectionGuide)}, is written).`,
  ];
}

/** The registration edits, computed from the file on disk; cumulative `contents` (the last added edit holds them all). */
export function registrations(profile: OpenMetadataProfile, checkoutRoot: string | undefined): RegistrationReport {
  const file = serviceFile(releaseFacts(profile.openmetadataVersion), profile.serviceType);
  const wanted = targets(profile);
  // the UI edits whatever became of the service file's: they are computed from files of their own, and
  // name the type as the UI's types will, which depends on the enum it joins
  const serviceEnum = (root: string): string[] => enumValues(root, file, openMetadataNames(profile).definitionPrefix) ?? [];
  const report = (edits: RegistrationEdit[]): RegistrationReport => ({
    checkoutRoot,
    edits: [...edits, ...(checkoutRoot ? uiRegistrations(profile, checkoutRoot, serviceEnum(checkoutRoot)) : [])],
    manualSteps: manualSteps(profile),
  });
  const skipAll = (reason: string): RegistrationReport => report(wanted.map((w) => skipped(file, w.change, reason)));
  // One reason for both cases: a folder generated outside a checkout has an openmetadata-spec/ of its
  // own, so a re-run there finds a "checkout" without the file; its brief must read the same.
  const read = checkoutRoot ? readCheckoutFile(checkoutRoot, file) : undefined;
  if (!read || (typeof read !== 'string' && read.missing)) {
    // not a checkout (at most a folder generated earlier): the run reports it in one line, as outside one
    const reason = `no OpenMetadata checkout with ${file} above the destination`;
    return { checkoutRoot: undefined, edits: wanted.map((w) => skipped(file, w.change, reason)), manualSteps: manualSteps(profile) };
  }
  if (typeof read !== 'string') return skipAll(read.reason);
  let text = read;
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (error) {
    return skipAll(`${file} is not valid JSON (${(error as Error).message})`);
  }
  const noArray = (target: (typeof wanted)[number]): RegistrationReport =>
    skipAll(`${file} has no non-empty array at ${target.path.join('.')}; add the entry by hand`);
  // Check every target first: a file with an unexpected shape is left untouched, not half edited.
  for (const target of wanted) {
    if (!isNonEmptyArray(nodeAt(root, target.path))) return noArray(target);
  }
  const edits: RegistrationEdit[] = [];
  for (const target of wanted) {
    // found again in the file as edited so far (each insertion is parsed anew); the checks above hold for it
    const node = nodeAt(root, target.path);
    if (!isNonEmptyArray(node)) return noArray(target);
    if (target.isPresent(valueOf(node) as unknown[])) {
      edits.push({ file, change: target.change, outcome: 'present' });
      continue;
    }
    try {
      text = insertIntoArray(text, node, node.children.length, target.item);
      root = parseJson(text);
    } catch (error) {
      const reason = error instanceof JsonEditError ? error.message : String(error);
      return skipAll(`${target.path.join('.')}: ${reason}`);
    }
    edits.push({ file, change: target.change, outcome: 'added', contents: text });
  }
  return report([...edits, ...(checkoutRoot ? converterRegistrations(profile, checkoutRoot) : [])]);
}

/** An array node with elements. */
const isNonEmptyArray = (node: JsonNode | undefined): node is JsonNode & { children: JsonNode[] } =>
  node?.type === 'array' && node.children !== undefined && node.children.length > 0;

/** The enum values of `<type>Service.json`, or undefined when the file or the enum is missing. */
function enumValues(root: string, file: string, definitionPrefix: string): string[] | undefined {
  const text = readCheckoutFile(root, file);
  if (typeof text !== 'string') return undefined;
  try {
    const node = nodeAt(parseJson(text), ['definitions', `${definitionPrefix}ServiceType`, 'enum']);
    const values: unknown = node ? valueOf(node) : undefined;
    return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : undefined;
  } catch {
    return undefined;
  }
}

const isServiceType = (value: unknown): value is ServiceType => (SERVICE_TYPES as readonly unknown[]).includes(value);

/**
 * Refuses a service type value that the checkout already has, unless the
 * stored profile of this same connector has it (a re-run). A value equal
 * but for case is refused too: both would import from the same package folder.
 */
export function checkoutProblems(profile: PartialProfile, root: string, stored: PartialProfile | undefined): Problem[] {
  return [...releaseProblems(profile, root), ...registeredValueProblems(profile, root, stored)];
}

function registeredValueProblems(profile: PartialProfile, root: string, stored: PartialProfile | undefined): Problem[] {
  const { name, serviceType, serviceTypeValue, openmetadataVersion } = profile;
  // an unknown release is reported by the profile's schema
  if (typeof name !== 'string' || !name || !isServiceType(serviceType) || !isKnownRelease(openmetadataVersion)) return [];
  const names = openMetadataNames({ name, serviceType, serviceTypeValue: typeof serviceTypeValue === 'string' ? serviceTypeValue : undefined });
  const file = serviceFile(releaseFacts(openmetadataVersion), serviceType);
  const values = enumValues(root, file, names.definitionPrefix);
  if (!values) return [];
  const storedValue =
    stored && stored.serviceType === serviceType && typeof stored.name === 'string'
      ? openMetadataNames({
          name: stored.name,
          serviceType,
          serviceTypeValue: typeof stored.serviceTypeValue === 'string' ? stored.serviceTypeValue : undefined,
        }).typeValue
      : undefined;
  const field = typeof serviceTypeValue === 'string' && serviceTypeValue ? 'serviceTypeValue' : 'name';
  const problems: Problem[] = [];
  for (const existing of values) {
    const same = existing === names.typeValue;
    if (same && storedValue === names.typeValue) continue;
    if (!same && existing.toLowerCase() !== names.packageName) continue;
    const clash = same
      ? `${existing} is already a ${names.definitionPrefix}ServiceType value in ${file}`
      : `${existing} in ${file} differs only in case from ${names.typeValue}: both would use the package folder ${names.packageName}`;
    const free = freeTypeValue(names.typeValue, values);
    // at a prompt: what the typed value gives and why it cannot be used, without the flags to change
    const what = same
      ? `is already a ${names.definitionPrefix}ServiceType value in ${file}`
      : `differs only in case from ${existing} in ${file}: both would use the package folder ${names.packageName}`;
    problems.push({
      field,
      message: `${clash}; choose another --name, or an unused value with --service-type-value (e.g. ${free})`,
      clash:
        field === 'name'
          ? {
              reason: `The name ${name} gives the service type value ${names.typeValue}, which ${what}`,
              instead: {
                field: 'serviceTypeValue',
                suggestion: free,
                retry: 'Choose another name',
                choice: `Keep the name ${name}, with another service type value`,
              },
            }
          : { reason: `${names.typeValue} ${what}` },
    });
  }
  return problems;
}

/** The service type value with a suffix that no value of the service file has in any case, nor makes a keyword package. */
function freeTypeValue(typeValue: string, values: readonly string[]): string {
  const taken = new Set(values.map((v) => v.toLowerCase()));
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? 'Custom' : `Custom${n}`;
    // within the 60 characters --service-type-value allows
    const candidate = `${typeValue.slice(0, 60 - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase()) && !isPythonReserved(candidate.toLowerCase())) return candidate;
  }
}
