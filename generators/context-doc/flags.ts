/**
 * The flags of connector:context-doc, declared once: the generator's options and its --help (the
 * curated one, as the host generators have: the bin prints it without loading Yeoman, so this module
 * imports none of it).
 */
import type { Field } from '../../core/profile/field.js';
import { HOST_IDS } from '../hosts.js';

export const CONTEXT_DOC_SUMMARY =
  'Writes CONNECTOR_CONTEXT.md, the implementation brief, again from a connector profile stored in .yo-rc.json ' +
  'by an earlier run of a host generator (openmetadata or mage), with the registration state of the checkout as it is now.';

/** Its own flags, as fields: help() and the options read the same declarations. */
export const contextDocFields: readonly Field[] = [
  {
    name: 'host',
    kind: 'choice',
    help: 'Host of the stored connector',
    choices: [...HOST_IDS],
    defaultHelp: 'the host whose checkout this is, else the only host with connectors in .yo-rc.json, else openmetadata',
    schema: { type: 'string', enum: [...HOST_IDS] },
  },
  {
    name: 'name',
    kind: 'text',
    help: 'Connector name in .yo-rc.json',
    defaultHelp: 'the last one generated',
    schema: { type: 'string' },
  },
];

/** The flags of a run that context-doc reads (it has no profile, registration or conflict-marker flags). */
export const CONTEXT_DOC_RUN_FLAGS: ReadonlyArray<[flag: string, help: string]> = [
  ['--interactive, --no-interactive', 'Ask at a conflict (default: when stdin is a terminal)'],
  ['--dry-run', 'Write nothing'],
  ['--force', 'Replace the brief when it differs from what this run generates: no question, no merge'],
  ['--no-color', 'No colour in the output (there is none when the output is not a terminal)'],
  ['-h, --help', 'This help'],
];
