/**
 * What the client does with --api-endpoints: one method per call a REST client
 * can make, the metadata stubs those calls serve, and the entries left to the
 * brief with the reason.
 */
import { parseApiEndpoints, type ApiEndpoint, type UnparsedEndpoint } from '../../../core/profile/api-endpoints.js';
import type { OpenMetadataProfile } from '../../../core/profile/openmetadata.js';
import type { AbstractMethod, BaseClass } from '../facts/index.js';
import type { Features } from './features.js';

export interface ServedStub {
  stub: AbstractMethod;
  endpoint: ApiEndpoint;
  /** `self.client` or `self.connection`: where the base class keeps the client */
  client: string;
}

export interface EndpointPlan {
  /** the calls client.py gets a method for */
  methods: ApiEndpoint[];
  /** the entries that got no method, and why */
  left: UnparsedEndpoint[];
  /** metadata stubs that return what an endpoint answers */
  served: ServedStub[];
}

export function endpointPlan(profile: OpenMetadataProfile, features: Features, base: BaseClass): EndpointPlan {
  const { endpoints, unparsed } = parseApiEndpoints(profile.apiEndpoints);
  if (!features.restClient) {
    const reason = noClientReason(profile, features);
    return { methods: [], left: profile.apiEndpoints.map((text) => ({ text, reason })), served: [] };
  }
  return { methods: endpoints, left: unparsed, served: servedStubs(base, endpoints) };
}

function noClientReason(profile: OpenMetadataProfile, features: Features): string {
  if (features.sqlalchemy) return 'a SQLAlchemy connector has no client.py: the dialect makes the calls';
  if (profile.serviceType === 'messaging') return "a messaging client speaks the broker's protocol, not HTTP: make the call in client.py";
  return 'the client wraps an SDK (sdk_client): make the call through the SDK in client.py';
}

/** A stub is served by the first GET without parameters whose last segment names what the stub lists. */
function servedStubs(base: BaseClass, endpoints: ApiEndpoint[]): ServedStub[] {
  if (!base.clientAttribute) return [];
  const client = `self.${base.clientAttribute}`;
  return base.abstractMethods.flatMap((stub) => {
    const endpoint = endpoints.find((e) => e.method === 'GET' && e.params.length === 0 && stub.servedBy?.includes(e.resource));
    return endpoint ? [{ stub, endpoint, client }] : [];
  });
}
