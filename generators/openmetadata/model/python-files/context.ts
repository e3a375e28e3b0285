/** What every Python file builder reads: names, features, modules and classes, computed once per profile. */
import type { OpenMetadataProfile } from '../../profile/spec.js';
import { constantPrefix, pythonLayout, type PyImport, type PyLayout } from '../../python.js';
import { profileContext, type ProfileContext } from '../context.js';
import { firstPartyPackages } from '../../facts/index.js';

export interface PythonContext extends ProfileContext {
  /** the layout helpers in the style of the release the connector is written for */
  layout: PyLayout;
  /** the service type value, e.g. MyDb: the `type` const and the stem of every class name */
  typeValue: string;
  classes: {
    /** the pydantic model generated from the connection schema */
    connection: string;
    source: string;
    client: string;
    queryParser: string;
    lineage: string;
    usage: string;
  };
  /** module constants of queries.py */
  constants: {
    testGetQueries: string;
    sqlStatement: string;
    storedProcedures: string;
  };
  /** prefix of constants and environment variables, e.g. MY_DB */
  prefix: string;
  /** how the generated test files import and name the connection model and the source class */
  inTests: { connection: ClassInTestFile; source: ClassInTestFile };
}

export interface ClassInTestFile {
  import: PyImport;
  /** the expression a test file names the class by */
  ref: string;
}

/**
 * pytest collects every module-level name matching `Test*` in a test file, so
 * a class of a connector named `test_...` (TestFooSource) is reached through
 * its module there instead of being imported by name.
 */
export function classInTestFile(module: string, className: string): ClassInTestFile {
  if (!className.startsWith('Test')) return { import: { module, names: [className] }, ref: className };
  const dot = module.lastIndexOf('.');
  const leaf = module.slice(dot + 1);
  return { import: { module: module.slice(0, dot), names: [leaf] }, ref: `${leaf}.${className}` };
}

export function pythonContext(profile: OpenMetadataProfile): PythonContext {
  const shared = profileContext(profile);
  const typeValue = shared.names.typeValue;
  const prefix = constantPrefix(profile.name);
  return {
    ...shared,
    layout: pythonLayout(shared.release.python, firstPartyPackages(shared.release)),
    typeValue,
    classes: {
      connection: `${typeValue}Connection`,
      source: `${typeValue}Source`,
      client: `${typeValue}Client`,
      queryParser: `${typeValue}QueryParserSource`,
      lineage: `${typeValue}LineageSource`,
      usage: `${typeValue}UsageSource`,
    },
    constants: {
      testGetQueries: `${prefix}_TEST_GET_QUERIES`,
      sqlStatement: `${prefix}_SQL_STATEMENT`,
      storedProcedures: `${prefix}_GET_STORED_PROCEDURES`,
    },
    prefix,
    inTests: {
      connection: classInTestFile(shared.modules.schema, `${typeValue}Connection`),
      source: classInTestFile(shared.modules.metadata, `${typeValue}Source`),
    },
  };
}
