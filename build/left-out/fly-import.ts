/** fly-import in the bin's bundle (build/bundle.ts): installing generators on the fly. */
import { notAvailable } from './not-available.js';

const install = notAvailable('installing generators (fly-import)');

/** yeoman-environment constructs one in every environment; only its install methods would use it. */
export class FlyRepository {
  readonly repositoryPath: string;
  constructor({ repositoryPath }: { repositoryPath: string }) {
    this.repositoryPath = repositoryPath;
  }
  install = install;
  load = install;
  import = install;
}

export const flyImport = install;
