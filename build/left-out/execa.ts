/** execa in the bin's bundle (build/bundle.ts): running package managers and commands. */
import { notAvailable } from './not-available.js';

const run = notAvailable('running commands (execa)');
export { run as execa, run as execaSync, run as execaCommand, run as execaCommandSync };
