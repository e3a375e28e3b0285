/**
 * What the client does with --api-endpoints: one method per call a REST client
 * can make, the metadata stubs those calls serve, and the entries left to the
 * brief with the reason.
 */
import { parseApiEndpoints, type ApiEndpoint, type UnparsedEndpoint } from '../../../core/profile/api-endpoints.js';
import type { OpenMetadataProfile } from '../profile/spec.js';
import type { AbstractMethod, BaseClass } from '../facts/index.js';
import type { Features } from './features.js';
import type { TestStep } from './test-connection.js';

export interface ServedStub {
  stub: AbstractMethod;
  endpoint: ApiEndpoint;
  /** `self.client` or `self.connection`: where the base class keeps the client */
  client: string;
}

/** A test-connection step whose client method returns what an endpoint answers. */
export interface ServedStep {
  /** the client method that runs the step, e.g. list_dashboards */
  method: string;
  step: string;
  endpoint: ApiEndpoint;
}

export interface EndpointPlan {
  /** the calls client.py gets a method for */
  methods: ApiEndpoint[];
  /** the entries that got no method, and why */
  left: UnparsedEndpoint[];
  /** metadata stubs that return what an endpoint answers */
  served: ServedStub[];
  /** client-run test-connection steps that call an endpoint method (the others raise until filled) */
  servedSteps: ServedStep[];
}

export function endpointPlan(profile: OpenMetadataProfile, features: Features, base: BaseClass, steps: TestStep[]): EndpointPlan {
  const { endpoints, unparsed } = parseApiEndpoints(profile.apiEndpoints);
  if (!features.restClient) {
    const reason = noClientReason(profile, features);
    return { methods: [], left: profile.apiEndpoints.map((text) => ({ text, reason })), served: [], servedSteps: [] };
  }
  return { methods: endpoints, left: unparsed, served: servedStubs(base, endpoints), servedSteps: servedSteps(steps, endpoints) };
}

function noClientReason(profile: OpenMetadataProfile, features: Features): string {
  if (features.sqlalchemy) return 'a SQLAlchemy connector has no client.py: the dialect makes the calls';
  if (profile.serviceType === 'messaging') return "a messaging client speaks the broker's protocol, not HTTP: make the call in client.py";
  return 'the client wraps an SDK (sdk_client): make the call through the SDK in client.py';
}

/** The GET without parameters, first in the profile's order, whose last segment is one of `lists`. */
const listEndpoint = (endpoints: ApiEndpoint[], lists: string[] | undefined): ApiEndpoint | undefined =>
  endpoints.find((e) => e.method === 'GET' && e.params.length === 0 && lists?.includes(e.resource));

/**
 * A step is served as a stub is: the host runs the test connection inside Source.create(), so a
 * step left raising keeps every source of the connector from being created.
 */
function servedSteps(steps: TestStep[], endpoints: ApiEndpoint[]): ServedStep[] {
  return steps.flatMap((s) => {
    const endpoint = s.method ? listEndpoint(endpoints, s.servedBy) : undefined;
    return s.method && endpoint ? [{ method: s.method, step: s.name, endpoint }] : [];
  });
}

/** A stub is served by the first GET without parameters whose last segment names what the stub lists. */
function servedStubs(base: BaseClass, endpoints: ApiEndpoint[]): ServedStub[] {
  if (!base.clientAttribute) return [];
  const client = `self.${base.clientAttribute}`;
  return base.abstractMethods.flatMap((stub) => {
    const endpoint = listEndpoint(endpoints, stub.servedBy);
    return endpoint ? [{ stub, endpoint, client }] : [];
  });
}
