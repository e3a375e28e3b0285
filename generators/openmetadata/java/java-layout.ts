/**
 * The few Java expressions the converter registration writes, laid out the way google-java-format
 * (which OpenMetadata runs through spotless) lays them out, so the edited factory stays unchanged
 * under `mvn spotless:check`: a call that does not fit breaks after `(`; its arguments then go on
 * one line when they fit, else one per line; `Map.of` keeps each key beside its value when it can.
 * Only these shapes are handled; the Java layer (test/java) runs google-java-format to prove it.
 */

/** google-java-format's line width. */
export const JAVA_LINE_WIDTH = 100;

/** A call, `new X(...)` included; `pairs` marks the key/value arguments of `Map.of`. */
export interface JavaCall {
  callee: string;
  args: JavaExpr[];
  pairs?: boolean;
}
export type JavaExpr = string | JavaCall;

export class JavaLayoutError extends Error {}

const flat = (expr: JavaExpr): string => (typeof expr === 'string' ? expr : `${expr.callee}(${expr.args.map(flat).join(', ')})`);

const fits = (indent: number, text: string): boolean => indent + text.length <= JAVA_LINE_WIDTH;

/** The lines of `expr` starting at column `indent`, followed by `suffix` (e.g. `,` or `));`). */
export function layout(expr: JavaExpr, indent: number, suffix: string): string[] {
  const pad = ' '.repeat(indent);
  const whole = flat(expr) + suffix;
  if (fits(indent, whole)) return [pad + whole];
  if (typeof expr === 'string') return splitQualified(expr, indent, suffix);
  // a call without arguments has nowhere to break: google-java-format lets the line run long
  if (expr.args.length === 0) return [pad + whole];
  const inner = indent + 4;
  const close = `)${suffix}`;
  const oneLine = expr.args.map(flat).join(', ') + close;
  if (fits(inner, oneLine)) return [`${pad}${expr.callee}(`, ' '.repeat(inner) + oneLine];
  const lines = [`${pad}${expr.callee}(`];
  // a single pair is laid out as plain arguments
  if (expr.pairs && expr.args.length > 2) {
    const pairs = pairsOf(expr.args);
    pairs.forEach(([key, value], i) => {
      const trailing = i === pairs.length - 1 ? close : ',';
      const pair = `${flat(key)}, ${flat(value)}${trailing}`;
      if (fits(inner, pair)) lines.push(' '.repeat(inner) + pair);
      else lines.push(...layout(key, inner, ','), ...layout(value, inner + 4, trailing));
    });
    return lines;
  }
  expr.args.forEach((arg, i) => lines.push(...layout(arg, inner, i === expr.args.length - 1 ? close : ',')));
  return lines;
}

/**
 * A qualified name too long for its line (`a.b.C.class`): the longest prefix of whole segments that
 * fits stays, the rest goes on the next line 4 columns further, as google-java-format breaks it.
 */
function splitQualified(atom: string, indent: number, suffix: string): string[] {
  const dots = [...atom.matchAll(/\./g)].map((m) => m.index).reverse();
  const at = dots.find((i) => i > 0 && fits(indent, atom.slice(0, i)));
  const rest = at === undefined ? '' : atom.slice(at) + suffix;
  if (at === undefined || !fits(indent + 4, rest))
    throw new JavaLayoutError(`${atom} does not fit in ${JAVA_LINE_WIDTH} columns at column ${indent}`);
  return [' '.repeat(indent) + atom.slice(0, at), ' '.repeat(indent + 4) + rest];
}

/** `[k1, v1, k2, v2]` as `[[k1, v1], [k2, v2]]`. */
function pairsOf(args: JavaExpr[]): Array<[JavaExpr, JavaExpr]> {
  return args.flatMap((key, i): Array<[JavaExpr, JavaExpr]> => {
    const value = args[i + 1];
    return i % 2 === 0 && value !== undefined ? [[key, value]] : [];
  });
}
