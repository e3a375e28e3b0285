/**
 * `unSupportedServices` (ServiceUtilClassBase.ts): the service types the UI hides from the list of
 * connectors. Nothing to add; a type listed there would never be offered, so the run says so.
 */
import { nodesOf, parse } from './source.js';

/** undefined when the type is not listed (nothing to report), else why it is left to do. */
export function unsupportedProblem(fileName: string, text: string, enumPrefix: string, member: string): string | undefined {
  const parsed = parse(fileName, text);
  if ('error' in parsed) return `${fileName}: ${parsed.error}; check that unSupportedServices does not list ${member}`;
  const { ts, file } = parsed;
  for (const node of nodesOf(ts, file)) {
    if (!ts.isPropertyDeclaration(node) || node.name.getText(file) !== 'unSupportedServices') continue;
    if (!node.initializer || !ts.isArrayLiteralExpression(node.initializer)) break;
    const listed = node.initializer.elements.some(
      (e) =>
        ts.isPropertyAccessExpression(e) &&
        e.name.text === member &&
        e.expression.getText(file).toLowerCase() === `${enumPrefix.toLowerCase()}servicetype`,
    );
    return listed ? `${fileName} lists ${member} in unSupportedServices, so the UI hides the connector; remove it there` : undefined;
  }
  return `${fileName} has no unSupportedServices list to check; make sure the UI does not hide ${member}`;
}
