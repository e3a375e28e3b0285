/** simple-git in the bin's bundle (build/bundle.ts): yeoman-generator's this.git and this.user.git. */
import { notAvailable } from './not-available.js';

export const simpleGit = notAvailable("yeoman-generator's git helpers (simple-git)");
// enums the helpers hand on; never reached, since simpleGit fails first
export const CheckRepoActions = {};
export const CleanOptions = {};
