/** `yo connector:mage`: a new Mage AI (mage_integrations) source. */
import { ConnectorGenerator } from '../../core/generator/connector-generator.js';
import type { ConnectorOptions } from '../../core/generator/options.js';
import type { MageProfile } from './profile/spec.js';
import { mageHost } from './host.js';

export default class MageGenerator extends ConnectorGenerator<MageProfile> {
  protected readonly host = mageHost;

  constructor(args: string[], options: ConnectorOptions) {
    super(args, options, mageHost.spec);
  }
}
