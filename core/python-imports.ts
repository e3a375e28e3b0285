/** Python import lines as isort (profile black) writes them, for the generated modules of any host. */

/** `from module import a, b`, or isort's vertical hanging indent when the line would pass `lineLength`. */
export function pyFromImport(module: string, names: readonly string[], lineLength: number): string {
  const line = `from ${module} import ${names.join(', ')}`;
  if (line.length <= lineLength) return line;
  return [`from ${module} import (`, ...names.map((n) => `    ${n},`), ')'].join('\n');
}

/** isort's order of module names (case-insensitive, numbers compared as numbers). */
export function isortModuleOrder(a: string, b: string): number {
  const chunks = (s: string): Array<string | number> =>
    (s.toLowerCase().match(/\d+|\D+/g) ?? []).map((c) => (/^\d+$/.test(c) ? Number(c) : c));
  const ca = chunks(a);
  const cb = chunks(b);
  for (const [i, x] of ca.entries()) {
    const y = cb[i];
    if (y === undefined) break;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return ca.length - cb.length;
}
