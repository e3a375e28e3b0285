/** latest-version in the bin's bundle (build/bundle.ts): asking the npm registry for a package's latest version. */
import { notAvailable } from './not-available.js';

export default notAvailable('resolving dependency versions from the npm registry (latest-version)');
