/** globby in the bin's bundle (build/bundle.ts): yeoman-environment's search for installed generators. */
import { notAvailable } from './not-available.js';

export const globbySync = notAvailable('searching for installed generators (globby)');
