/**
 * "Did you mean": the declared word nearest to a mistyped one. Flags, choice values and
 * generator names all use it, so every typo gets the same kind of answer.
 */

/** The candidate nearest to a typo: the one it starts (or that starts it), or one within a few edits. */
export function closest(typo: string, candidates: readonly string[]): string | undefined {
  const prefixed = candidates.filter((c) => c.startsWith(typo) || typo.startsWith(c));
  if (prefixed.length === 1) return prefixed[0];
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(typo, name);
    if (distance <= Math.max(2, Math.floor(name.length / 4)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time: each cell from the one above, the one to its left and the one above-left. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  // the last cell of the last row; with no row (a is empty), b's length
  let distance = b.length;
  for (const [i, unitA] of a.split('').entries()) {
    let aboveLeft = i;
    let left = i + 1;
    const row = [left];
    for (const [j, above] of previous.slice(1).entries()) {
      left = Math.min(above + 1, left + 1, aboveLeft + (unitA === b[j] ? 0 : 1));
      row.push(left);
      aboveLeft = above;
    }
    previous = row;
    distance = left;
  }
  return distance;
}
