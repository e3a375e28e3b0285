/** The OpenMetadata connector profile: its spec for the composer and the names derived from it. */
import { openMetadataFields, openMetadataRules, type ServiceType } from './fields.js';
import { isPythonReserved, pascalCase, SNAKE_CASE } from '../../../core/profile/names.js';
import type { PartialProfile, ProfileOf } from '../../../core/profile/field.js';
import type { Problem, ProfileSpec } from '../../../core/profile/validate.js';
import { parseApiEndpoints } from '../../../core/profile/api-endpoints.js';

/** A complete OpenMetadata profile (defaults filled), its type read from the fields' schemas. */
export type OpenMetadataProfile = ProfileOf<typeof openMetadataFields>;

/** `<t>` in `<t>ServiceType` / `<t>Connection` definitions of `<type>Service.json`. */
const SERVICE_DEFINITION_PREFIX: Record<ServiceType, string> = {
  database: 'database',
  dashboard: 'dashboard',
  pipeline: 'pipeline',
  messaging: 'messaging',
  mlmodel: 'mlModel',
  storage: 'storage',
  search: 'search',
  api: 'api',
};

export interface OpenMetadataNames {
  /** enum value and `type` const, e.g. MyDb */
  typeValue: string;
  /** schema and test-connection file stem, e.g. myDb */
  stem: string;
  /** Python package folder: what OpenMetadata's importer looks for, e.g. mydb */
  packageName: string;
  /** the `<t>` of `<t>ServiceType` in the service schema */
  definitionPrefix: string;
  /**
   * what the test files are named after (test_<it>.py, tests/integration/<it>/): the connector name, or,
   * with --service-type-value, the package folder, as upstream names them (test_azuresql.py for azuresql)
   */
  testName: string;
}

export function openMetadataNames(profile: Pick<OpenMetadataProfile, 'name' | 'serviceType' | 'serviceTypeValue'>): OpenMetadataNames {
  const typeValue = profile.serviceTypeValue || pascalCase(profile.name);
  return {
    typeValue,
    stem: typeValue.charAt(0).toLowerCase() + typeValue.slice(1),
    packageName: typeValue.toLowerCase(),
    definitionPrefix: SERVICE_DEFINITION_PREFIX[profile.serviceType],
    testName: profile.serviceTypeValue ? typeValue.toLowerCase() : profile.name,
  };
}

/**
 * The package folder is the service type value lower-cased (OpenMetadata's importer looks for exactly that),
 * so a value whose lower case is a Python keyword gives imports that do not parse: `f_or` -> `FOr` -> `for`.
 */
function packageNameProblems(p: PartialProfile): Problem[] {
  const value = typeof p.serviceTypeValue === 'string' && p.serviceTypeValue ? p.serviceTypeValue : undefined;
  if (value) {
    return isPythonReserved(value.toLowerCase())
      ? [
          {
            field: 'serviceTypeValue',
            message: `lowercased it gives the package name '${value.toLowerCase()}', a Python keyword; choose another value`,
          },
        ]
      : [];
  }
  if (typeof p.name !== 'string' || !new RegExp(SNAKE_CASE).test(p.name)) return [];
  const typeValue = pascalCase(p.name);
  const packageName = typeValue.toLowerCase();
  if (!isPythonReserved(packageName) || isPythonReserved(p.name)) return [];
  return [
    {
      field: 'name',
      message:
        `gives the service type value ${typeValue} and so the package name '${packageName}' (OpenMetadata imports a connector ` +
        'from its service type value lower-cased), a Python keyword; choose another name, or pass --service-type-value ' +
        `with a value whose lower case is not a keyword (e.g. ${typeValue}Custom) (got "${p.name}")`,
    },
  ];
}

/** Entries written as calls but wrong (a malformed path parameter, a call listed twice); free text is fine. */
function apiEndpointProblems(p: PartialProfile): Problem[] {
  const entries = Array.isArray(p.apiEndpoints) ? p.apiEndpoints.filter((e): e is string => typeof e === 'string') : [];
  return parseApiEndpoints(entries).errors.map((message) => ({ field: 'apiEndpoints', message }));
}

export const openMetadataSpec: ProfileSpec = {
  host: 'openmetadata',
  fields: openMetadataFields,
  rules: openMetadataRules,
  extraChecks: (p) => [...packageNameProblems(p), ...apiEndpointProblems(p)],
};
