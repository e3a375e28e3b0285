/**
 * `tsc --noEmit` of UI files edited by the generator, in isolation: each file is compiled in a
 * temporary project where every module it imports is a stub. Stubs are loose (`any`) except the
 * service-type enums, which hold exactly the members the original file names plus the values the
 * run registered, so a map key that is no member of the enum as registered fails the check.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

export interface UiFile {
  /** path relative to the UI's src/ folder, e.g. utils/DashboardServiceUtils.ts */
  rel: string;
  text: string;
}

interface Imported {
  defaultName?: string;
  names: string[];
}

/** Every import of a file: module specifier -> what it takes from it. */
function importsOf(file: UiFile): Map<string, Imported> {
  const source = ts.createSourceFile(file.rel, file.text, ts.ScriptTarget.Latest, true);
  const found = new Map<string, Imported>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const entry = found.get(statement.moduleSpecifier.text) ?? { names: [] };
    const clause = statement.importClause;
    if (clause?.name) entry.defaultName = clause.name.text;
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) entry.names.push(...bindings.elements.map((e) => (e.propertyName ?? e.name).text));
    found.set(statement.moduleSpecifier.text, entry);
  }
  return found;
}

/** `E.M` accesses of each `*ServiceType` identifier in a text. */
function enumMembers(text: string): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  for (const match of text.matchAll(/\b(\w+ServiceType)\.(\w+)/g)) {
    const set = members.get(match[1]!) ?? new Set<string>();
    set.add(match[2]!);
    members.set(match[1]!, set);
  }
  return members;
}

function stubModule(imported: Imported, members: Map<string, Set<string>>, registered: readonly string[]): string {
  const lines: string[] = [];
  if (imported.defaultName) lines.push('declare const stubDefault: any;', 'export default stubDefault;');
  for (const name of new Set(imported.names)) {
    if (/ServiceType$/.test(name)) {
      const all = [...(members.get(name) ?? []), ...registered];
      lines.push(`export enum ${name} {\n${[...new Set(all)].map((m) => `  ${m} = '${m}',`).join('\n')}\n}`);
    } else {
      lines.push(`export declare const ${name}: any;`, `export type ${name} = any;`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const ASSETS = ['json', 'png', 'svg'];

/**
 * The diagnostics of the files compiled together, as text (empty when they type-check). `original`
 * is each file before the edit: the enums hold the members it names, plus `registered`.
 */
export function typeCheckInIsolation(files: UiFile[], originals: UiFile[], registered: readonly string[]): string[] {
  const root = mkdtempSync(path.join(os.tmpdir(), 'connector-ui-tsc-'));
  try {
    return compile(root, files, originals, registered);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function compile(root: string, files: UiFile[], originals: UiFile[], registered: readonly string[]): string[] {
  const src = path.join(root, 'src');
  // svg files are also imported as components (`import { ReactComponent as Icon } from '...svg'`)
  const ambient: string[] = ASSETS.map(
    (ext) => `declare module '*.${ext}' {\n  const value: any;\n  export default value;\n  export const ReactComponent: any;\n}`,
  );
  ambient.push("declare module 'react/jsx-runtime' {\n  export const jsx: any;\n  export const jsxs: any;\n  export const Fragment: any;\n}");
  const members = new Map<string, Set<string>>();
  for (const original of originals)
    for (const [name, set] of enumMembers(original.text)) members.set(name, new Set([...(members.get(name) ?? []), ...set]));
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(src, file.rel);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    written.push(target);
    for (const [specifier, imported] of importsOf(file)) {
      if (ASSETS.some((ext) => specifier.endsWith(`.${ext}`))) continue;
      if (specifier.startsWith('.')) {
        const stub = `${path.resolve(path.dirname(target), specifier)}.ts`;
        mkdirSync(path.dirname(stub), { recursive: true });
        writeFileSync(stub, stubModule(imported, members, registered));
      } else {
        ambient.push(`declare module '${specifier}' {\n${stubModule(imported, members, registered)}}`);
      }
    }
  }
  const globals = path.join(root, 'stubs.d.ts');
  writeFileSync(globals, `${ambient.join('\n')}\n`);
  const program = ts.createProgram([...written, globals], {
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    types: [],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
