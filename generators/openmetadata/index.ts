/** `yo connector:openmetadata`: a new OpenMetadata connector. */
import { ConnectorGenerator, type ConnectorOptions } from '../../core/connector-generator.js';
import type { OpenMetadataProfile } from '../../core/profile/openmetadata.js';
import { openMetadataHost } from './host.js';

export default class OpenMetadataGenerator extends ConnectorGenerator<OpenMetadataProfile> {
  protected readonly host = openMetadataHost;

  constructor(args: string[], options: ConnectorOptions) {
    super(args, options, openMetadataHost.spec);
  }
}
