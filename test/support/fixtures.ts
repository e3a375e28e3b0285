/**
 * Where the tests find the repository and the host checkouts they read.
 *
 * A real checkout is the best fixture: GC_OPENMETADATA_CHECKOUT and GC_MAGE_CHECKOUT name any
 * OpenMetadata / mage-ai checkout, read only (tests copy what they edit). Without them the
 * shared fixtures are used when present: ../shared/fixtures/openmetadata (laid out as a checkout)
 * and ../shared/fixtures/mage/mage-ai. The files derived from a checkout that a checkout does not
 * have (import manifests, provenance, the Mage sources index, singer-python) always come from
 * ../shared/fixtures. A missing checkout or fixture makes the tests that need it pending, naming
 * what to set, and fails them under CI=true. Never copied into the repository.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared fixtures folder: `../shared/fixtures` relative to the repository root. */
export const FIXTURES_ROOT = path.resolve(REPO_ROOT, '../shared/fixtures');

/** Whether the fixtures folder exists (CI has it; a bare clone may not). */
export function fixturesAvailable(): boolean {
  return existsSync(FIXTURES_ROOT) && statSync(FIXTURES_ROOT).isDirectory();
}

export type CheckoutHost = 'openmetadata' | 'mage';

export const CHECKOUT_VARIABLES: Record<CheckoutHost, string> = {
  openmetadata: 'GC_OPENMETADATA_CHECKOUT',
  mage: 'GC_MAGE_CHECKOUT',
};

/** Where each host's checkout sits inside the shared fixtures (the fixture path prefix that maps to it). */
const CHECKOUT_IN_FIXTURES: Record<CheckoutHost, string> = { openmetadata: 'openmetadata', mage: 'mage/mage-ai' };

/** Top-level entries of ../shared/fixtures/openmetadata that are derived from a checkout, not part of one. */
const OPENMETADATA_DERIVED = new Set(['import-manifest.json', 'ref-resolution.json', 'PROVENANCE.json']);

export interface HostCheckout {
  host: CheckoutHost;
  /** absolute path of the checkout root */
  root: string;
  /** the variable that chooses it */
  variable: string;
  /** whether the variable chose it (else the shared fixtures' copy) */
  fromVariable: boolean;
}

/** The checkout the tests read for a host: the variable's, else the shared fixtures'. */
export function hostCheckout(host: CheckoutHost, env: NodeJS.ProcessEnv = process.env): HostCheckout {
  const variable = CHECKOUT_VARIABLES[host];
  const chosen = env[variable];
  return chosen
    ? { host, root: path.resolve(chosen), variable, fromVariable: true }
    : { host, root: path.resolve(FIXTURES_ROOT, CHECKOUT_IN_FIXTURES[host]), variable, fromVariable: false };
}

/** The host checkout and the path inside it that a fixture path names, when it names one. */
function inCheckout(relPath: string): { checkout: HostCheckout; inside: string } | undefined {
  const parts = relPath.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  for (const host of Object.keys(CHECKOUT_IN_FIXTURES) as CheckoutHost[]) {
    const prefix = CHECKOUT_IN_FIXTURES[host].split('/');
    if (!prefix.every((p, i) => parts[i] === p)) continue;
    const inside = parts.slice(prefix.length);
    if (host === 'openmetadata' && inside.length > 0 && OPENMETADATA_DERIVED.has(inside[0]!)) return undefined;
    return { checkout: hostCheckout(host), inside: inside.join('/') };
  }
  return undefined;
}

/**
 * Absolute path of a fixture, named as it sits under ../shared/fixtures (`openmetadata/<path in
 * the checkout>`, `mage/mage-ai/<path in the checkout>`, `mage/import-manifest.json`): paths inside
 * a host checkout resolve into the checkout GC_OPENMETADATA_CHECKOUT / GC_MAGE_CHECKOUT names.
 */
export function fixturePath(relPath: string): string {
  const checkout = inCheckout(relPath);
  return checkout ? path.resolve(checkout.checkout.root, checkout.inside) : path.resolve(FIXTURES_ROOT, relPath);
}

/** Parses a JSON fixture, e.g. `openmetadata/import-manifest.json`. Throws with the path when it is missing or invalid. */
export function readFixtureJson(relPath: string): unknown {
  const file = fixturePath(relPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`fixture ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`fixture ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Skips the current test (or the whole describe, when called in a `before` hook) when a fixture
 * is absent, naming what it looked for and the variable that would supply it; under CI=true it
 * fails instead (CI must have every fixture).
 */
export function requireFixtures(ctx: Mocha.Context, relPath = ''): void {
  const wanted = relPath ? fixturePath(relPath) : FIXTURES_ROOT;
  if (existsSync(wanted)) return;
  const checkout = relPath ? inCheckout(relPath) : undefined;
  missingFixture(ctx, checkout ? checkoutAbsence(checkout.checkout, checkout.inside) : `shared fixtures folder ${wanted} is absent`);
}

/** The root of a host's checkout (see hostCheckout); the test is pending without it, and fails under CI=true. */
export function requireHostCheckout(ctx: Mocha.Context, host: CheckoutHost): string {
  const checkout = hostCheckout(host);
  if (!existsSync(checkout.root) || !statSync(checkout.root).isDirectory()) missingFixture(ctx, checkoutAbsence(checkout, ''));
  return checkout.root;
}

function checkoutAbsence(checkout: HostCheckout, inside: string): string {
  const label = checkout.host === 'openmetadata' ? 'OpenMetadata' : 'mage-ai';
  const what = inside ? `${inside} is absent from the ${label} checkout ${checkout.root}` : `the ${label} checkout ${checkout.root} is absent`;
  const fix = checkout.fromVariable
    ? `${checkout.variable} names it`
    : `set ${checkout.variable} to a ${label} checkout (default: ../shared/fixtures/${CHECKOUT_IN_FIXTURES[checkout.host]})`;
  return `${what}; ${fix}`;
}

function missingFixture(ctx: Mocha.Context, reason: string): never {
  if (process.env.CI === 'true') throw new Error(`${reason} (under CI=true a missing fixture fails the test)`);
  return skipWithReason(ctx, reason);
}

/**
 * mocha's skip() takes no message: print the reason, and put it in the title of
 * the test (or of the suite, when called from a hook) so the report shows it.
 */
export function skipWithReason(ctx: Mocha.Context, reason: string): never {
  const runnable = ctx.currentTest ?? ctx.test;
  const isHook = (runnable as { type?: string } | undefined)?.type === 'hook';
  const target: { title: string } | undefined = isHook ? runnable?.parent : runnable;
  if (target && !target.title.includes('[skipped:')) target.title += ` [skipped: ${reason}]`;
  process.stderr.write(`  (skipped: ${reason})\n`);
  ctx.skip();
}
