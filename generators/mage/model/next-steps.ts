/**
 * What a Mage source needs after its TODOs, from the facts and the file plan:
 * its imports sorted and its code linted as mage-ai's pre-commit does, its
 * unit tests, and the source run as Mage runs it, against the real system.
 */
import type { NextStep, NextSteps } from '../../../core/next-steps.js';
import type { MageProfile } from '../profile/spec.js';
import { shellQuote } from '../../../core/text.js';
import { MAGE_FACTS } from '../facts/index.js';
import { FILES, magePlan, mageFile, unitTestModule } from '../plan.js';
import { localConfig } from './config.js';

/** The folders of the planned Python files, each up to the folder named after the source. */
function pythonFolders(profile: MageProfile): string[] {
  const folders = magePlan(profile)
    .map((f) => f.destination.split('/'))
    .filter((parts) => (parts.at(-1) ?? '').endsWith('.py') && parts.includes(profile.name))
    .map((parts) => parts.slice(0, parts.indexOf(profile.name) + 1).join('/'));
  return [...new Set(folders)];
}

/** Each step by name: the brief's sections that explain one of them run the same command. */
export function mageSteps(profile: MageProfile) {
  const folders = pythonFolders(profile).join(' ');
  // Mage runs a source as a script, the config as one JSON argument
  const script = (flag: string): string[] => [`python3 ${mageFile(profile, FILES.source)}`, `--config_json ${shellQuote(JSON.stringify(localConfig(profile.configKeys)))}`, flag];
  return {
    imports: { title: "Sort the imports, as mage-ai's pre-commit does", command: [`isort --profile black ${folders}`] },
    lint: { title: 'Lint', command: [`flake8 --max-line-length ${MAGE_FACTS.flake8MaxLineLength} ${folders}`] },
    unitTests: {
      title: 'Run the unit tests',
      // a subshell: the shell stays at the root, where the other commands start
      command: [`(cd ${MAGE_FACTS.paths.integrationsProject} && python3 -m unittest ${unitTestModule(profile)})`],
      note: `They mock the ${profile.connectorType === 'sql' ? 'database connection' : 'HTTP client'} and never use the network.`,
    },
    testConnection: {
      title: 'Fill in the config values, then test the connection against the real system',
      command: script('--test_connection'),
      note: 'An exception means the connection failed; its message is what Mage shows the user.',
    },
    discover: { title: 'Discover the streams', command: script('--discover'), note: 'It prints the catalog as JSON.' },
  } satisfies Record<string, NextStep>;
}

export function mageNextSteps(profile: MageProfile): NextSteps {
  const steps = mageSteps(profile);
  return {
    setting: 'with mage_integrations installed (pip install -e mage_integrations)',
    steps: [steps.imports, steps.lint, steps.unitTests, steps.testConnection, steps.discover],
  };
}
