/** which-package-manager in the bin's bundle (build/bundle.ts): choosing npm, yarn or pnpm for an install. */
import { notAvailable } from './not-available.js';

export const whichPackageManager = notAvailable('choosing a package manager (which-package-manager)');
