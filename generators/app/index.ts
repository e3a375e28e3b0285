/** `yo connector`: the OpenMetadata generator under the package's default name. */
import { fileURLToPath } from 'node:url';
import type { ConnectorOptions } from '../../core/generator/options.js';
import OpenMetadataGenerator from '../openmetadata/index.js';

export default class AppGenerator extends OpenMetadataGenerator {
  constructor(args: string[], options: ConnectorOptions) {
    super(args, options);
    this.sourceRoot(fileURLToPath(new URL('../openmetadata/templates', import.meta.url)));
  }
}
