/**
 * The browser side of the form spec: the page (form/page.jsx bundled by esbuild with React and @rjsf
 * from the UI tools' folder) in Debian's Chromium, driven by playwright-core from the same folder. One
 * browser and one page serve every case; each render replaces the form.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UiTools } from '../ui-tools.js';

const PAGE_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page.jsx');

/*
 * The parts of esbuild and playwright-core used here. Both are tools of the UI layer, loaded at run time from
 * the folder .ci/ui-tools.sh installs, not dependencies of this package: their types are not installed here.
 */
interface Esbuild {
  build(options: object): Promise<{ outputFiles: { text: string }[] }>;
}
export interface Locator {
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  getAttribute(name: string): Promise<string | null>;
  inputValue(): Promise<string>;
  selectOption(value: { index: number }): Promise<string[]>;
  click(): Promise<void>;
  allTextContents(): Promise<string[]>;
  first(): Locator;
  nth(index: number): Locator;
}
export interface Page {
  setContent(html: string): Promise<void>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  locator(selector: string): Locator;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
  waitForFunction(expression: string): Promise<unknown>;
}
interface Browser {
  newPage(options: object): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: object): Promise<Browser> };
}

// the default theme unstyled but for a readable width (the screenshots)
const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>connection form</title>
<style>body{font-family:sans-serif;font-size:14px;max-width:760px;margin:16px}fieldset{border:1px solid #ccc;margin:6px 0}
.form-group{margin:6px 0}label{display:block;font-weight:600}input,select{min-width:320px}.field-description{color:#555;margin:2px 0;font-size:12px}</style>
</head><body><div id="form"></div></body></html>`;

/** The page script: page.jsx and its imports in one IIFE. */
export async function bundlePage(tools: UiTools): Promise<string> {
  const esbuild = createRequire(path.join(tools.folder, 'package.json'))('esbuild') as Esbuild;
  const result = await esbuild.build({
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    // the page's bare imports come from the tools' node_modules: the file itself lives in the clone
    nodePaths: [path.join(tools.folder, 'node_modules')],
    absWorkingDir: tools.folder,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface FormBrowser {
  page: Page;
  close(): Promise<void>;
}

/** Chromium with the form page loaded. */
export async function openFormBrowser(tools: UiTools): Promise<FormBrowser> {
  const script = await bundlePage(tools);
  const { chromium } = createRequire(path.join(tools.folder, 'package.json'))('playwright-core') as Playwright;
  // we run as root in a container: Chromium's sandbox needs a user namespace it does not get there
  const browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 820, height: 900 } });
  await page.setContent(HTML);
  await page.addScriptTag({ content: script });
  return { page, close: () => browser.close() };
}

export interface FormInput {
  schema: Record<string, unknown>;
  formData?: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  /** RJSF's experimental_defaultFormStateBehavior (how defaults fill the form); RJSF's own default when absent */
  defaultFormStateBehavior?: Record<string, unknown>;
}

/** Renders the form (synchronously, in the page). */
export async function renderForm(page: Page, input: FormInput): Promise<void> {
  // an expression string, not a function: tsx's transform would put helpers into a function's source
  await page.evaluate(`window.renderForm(${JSON.stringify(input)})`);
}

export type SubmitOutcome = { submitted: true; formData: unknown } | { submitted: false; errors: string[] };

/** Clicks Submit and returns what the form called: onSubmit or onError. */
export async function submitForm(page: Page): Promise<SubmitOutcome> {
  await page.locator('button[type=submit]').click();
  await page.waitForFunction('window.formOutcome !== undefined');
  return (await page.evaluate('window.formOutcome')) as SubmitOutcome;
}
