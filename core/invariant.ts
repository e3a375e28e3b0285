/**
 * For what the code's own structure guarantees but its type cannot say (noUncheckedIndexedAccess types
 * every index and every regex group as possibly missing): a mandatory group of a match that succeeded,
 * an index inside the bounds just checked.
 */

/** The value, or an Error naming the invariant that broke when it is missing. */
export function defined<T>(value: T | undefined, invariant: string): T {
  if (value === undefined) throw new Error(`Internal error: ${invariant}`);
  return value;
}
