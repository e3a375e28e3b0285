/**
 * Stands in for fly-import in the bin's bundle (build/bundle.ts). yeoman-environment imports
 * fly-import, and through it @npmcli/arborist, pacote and sigstore, to install missing generators
 * on the fly; the bin only runs this package's own generators, so it never installs anything.
 */
const notAvailable = (): never => {
  throw new Error('generator-connector runs its own generators only; it does not install generators');
};

/** yeoman-environment constructs one in every environment; only its install methods would use it. */
export class FlyRepository {
  readonly repositoryPath: string;
  constructor({ repositoryPath }: { repositoryPath: string }) {
    this.repositoryPath = repositoryPath;
  }
  install = notAvailable;
  load = notAvailable;
  import = notAvailable;
}

export const flyImport = notAvailable;
