/**
 * Registration of a new source in a mage-ai checkout, one module per host
 * file it edits:
 *
 *   constants.ts        SOURCES / SQL_SOURCES in mage_ai/data_integrations/sources/constants.py
 *   docs-navigation.ts  the page in docs/docs.json (docs/mint.json in older checkouts)
 *   overview.ts         the bullet in docs/data-integrations/overview.mdx
 *   requirements.ts     new pip packages in mage_integrations/requirements.txt
 *
 * Every edit is computed from the file on disk as text: it inserts lines and
 * leaves every other byte as it was, finds an existing entry instead of
 * adding a second one, and is skipped with a reason (touching nothing) when
 * the file is missing or has a shape it does not recognise.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readCheckoutFile } from '../../../core/host-checkout.js';
import type { PartialProfile } from '../../../core/profile/field.js';
import type { MageProfile } from '../profile/spec.js';
import type { Problem } from '../../../core/profile/validate.js';
import { asRegistrationEdit, skipped, type RegistrationEdit, type RegistrationReport, type TextEdit } from '../../../core/registration.js';
import { codeSpan } from '../../../core/text.js';
import { MAGE_FACTS } from '../facts/index.js';
import { docsPage, sourceFolder } from '../plan.js';
import { constantsEdits, constantsEntryLine } from './constants.js';
import { addDocsPage, SOURCES_OVERVIEW_PAGE } from './docs-navigation.js';
import { addOverviewBullet } from './overview.js';
import { requirementEdits } from './requirements.js';

const { constants, docsNavigation, olderDocsNavigation, overview, requirements } = MAGE_FACTS.paths;

export const CHECKOUT_MARKER = MAGE_FACTS.paths.sources;

function singleEdit(root: string, file: string, change: string, edit: (text: string) => TextEdit): RegistrationEdit {
  const text = readCheckoutFile(root, file);
  return typeof text === 'string' ? asRegistrationEdit(file, change, edit(text)) : skipped(file, change, text.reason);
}

/** What registration means, as steps to do by hand (outside a checkout). */
function manualRegistration(profile: MageProfile): string[] {
  const lists = profile.connectorType === 'sql' ? 'SQL_SOURCES (SOURCES includes it; otherwise add it to SOURCES too)' : 'SOURCES';
  return [
    `${constants}: add ${codeSpan(constantsEntryLine(profile))} to ${lists}, keeping the list sorted by name`,
    `${docsNavigation} (${olderDocsNavigation} in older checkouts): add "${docsPage(profile)}" to the pages of the "Sources" group that lists "${SOURCES_OVERVIEW_PAGE}"`,
    `${overview}: add a bullet linking /${docsPage(profile)} under "### Available sources"`,
    ...profile.pipPackages.map((p) => `${requirements}: add ${p}, keeping the file sorted`),
  ];
}

const HOST_FILES = [constants, docsNavigation, olderDocsNavigation, overview, requirements];

/** docs/docs.json, else docs/mint.json when only that exists. */
const docsNavigationFile = (root: string): string =>
  !existsSync(path.join(root, docsNavigation)) && existsSync(path.join(root, olderDocsNavigation)) ? olderDocsNavigation : docsNavigation;

/**
 * A folder with mage_integrations/mage_integrations/sources/ but none of the
 * files registration edits is not a mage-ai checkout: it is the tree an
 * earlier run wrote outside a checkout, and a re-run there must do what the
 * first run did (register nothing).
 */
export const isMageCheckout = (root: string): boolean => HOST_FILES.some((file) => existsSync(path.join(root, file)));

export function registrations(profile: MageProfile, checkoutRoot: string | undefined): RegistrationReport {
  if (!checkoutRoot || !isMageCheckout(checkoutRoot)) return { edits: [], manualSteps: manualRegistration(profile) };
  const page = docsPage(profile);
  const edits: RegistrationEdit[] = [
    ...constantsEdits(profile, checkoutRoot),
    singleEdit(checkoutRoot, docsNavigationFile(checkoutRoot), `"${page}" in the Sources pages`, (text) => addDocsPage(text, page)),
    singleEdit(checkoutRoot, overview, `a bullet linking /${page} under Available sources`, (text) => addOverviewBullet(text, profile)),
    ...requirementEdits(profile, checkoutRoot),
  ];
  const manualSteps = profile.pipPackages.length > 0 ? [`install the new requirements where you run the source: pip install -r ${requirements}`] : [];
  return { checkoutRoot, edits, manualSteps };
}

/** A source folder that exists without a stored profile belongs to someone else: refuse to overwrite it. */
export function checkoutProblems(profile: PartialProfile, root: string, stored: PartialProfile | undefined): Problem[] {
  if (typeof profile.name !== 'string' || stored) return [];
  const folder = sourceFolder(profile.name);
  if (!existsSync(path.join(root, folder))) return [];
  return [
    {
      field: 'name',
      message: `a source ${profile.name} already exists in this checkout (${folder}/) and was not generated here; pick another name`,
    },
  ];
}
