/**
 * A run's profile held against the connector stored under the same name in .yo-rc.json: the order its
 * keys are stored in, what is stored of it, and the changes a stored connector may not take.
 */
import type { HostDefinition } from '../host.js';
import { dashed, type PartialProfile } from '../profile/field.js';
import type { Problem, ProfileSpec } from '../profile/validate.js';

/** The profile with the keys of `order` first, in that order, then its others as they are. */
export function inOrderOf(order: readonly string[], profile: PartialProfile): PartialProfile {
  const first = order.filter((key) => key in profile);
  return Object.fromEntries([...first, ...Object.keys(profile).filter((key) => !first.includes(key))].map((key) => [key, profile[key]]));
}

/** The profile as stored with the answers: without the fields that are choices about one run. */
export function withoutRunOnly<P extends { name: string }>(spec: ProfileSpec, profile: P): P {
  const runOnly = new Set(spec.fields.filter((f) => f.runOnly).map((f) => f.name));
  // fromEntries types its result loosely; only optional run-only keys were dropped, so it is still a P
  return Object.fromEntries(Object.entries(profile).filter(([key]) => !runOnly.has(key))) as P;
}

/**
 * A stored connector whose tree would move (OpenMetadata's --service-type picks its folders and the
 * service file it is registered in): a re-run would leave the old tree and registration and make a
 * second of each, so it is refused with the ways out.
 */
export function movedConnectorProblems(
  host: Pick<HostDefinition<unknown>, 'placementFields' | 'spec'>,
  profile: PartialProfile,
  stored: PartialProfile | undefined,
): Problem[] {
  if (!stored) return [];
  return (host.placementFields ?? [])
    .filter((field) => stored[field] !== undefined && profile[field] !== undefined && stored[field] !== profile[field])
    .map((field) => ({
      field,
      message:
        `the connector "${String(profile.name)}" was generated with --${dashed(field)} ${String(stored[field])} (stored in .yo-rc.json); ` +
        `changing it would write a second tree and a second registration beside the first. Keep --${dashed(field)} ${String(stored[field])}, ` +
        `pick another --name, or delete the files and registration of the old one and its "${host.spec.host}:${String(profile.name)}" entry in .yo-rc.json first ` +
        `(got "${String(profile[field])}")`,
    }));
}
