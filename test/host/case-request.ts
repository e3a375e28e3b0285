/**
 * What the host layer's Python side (test/host/python/omhost) needs to know of a generated
 * case, read from the generated files: where its package is, its names, classes and modules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { testModuleName } from '../../core/profile/names.js';
import { openMetadataNames, type OpenMetadataProfile } from '../../generators/openmetadata/profile/spec.js';
import { SCHEMA_DIR } from './support.js';
import { pythonData } from '../../generators/openmetadata/model/python-files/index.js';

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function pythonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py'));
}

function firstClass(file: string, suffix: string): string {
  const match = new RegExp(`^class (\\w+${suffix})\\b`, 'm').exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no class ending in ${suffix} in ${file}`);
  return match[1]!;
}

/** What the Python checks need to know of a generated case, read from the generated files. */
export function caseRequest(checkout: string, profile: OpenMetadataProfile) {
  const names = openMetadataNames(profile);
  const type = profile.serviceType;
  const sourceRel = `ingestion/src/metadata/ingestion/source/${type}/${names.packageName}`;
  const sourceDir = path.join(checkout, sourceRel);
  const sourcePackage = `metadata.ingestion.source.${type}.${names.packageName}`;
  const sqlalchemy = type === 'database' && profile.connectionType === 'sqlalchemy';
  const connectionPy = readFileSync(path.join(sourceDir, 'connection.py'), 'utf8');
  const schema = JSON.parse(
    readFileSync(path.join(checkout, SCHEMA_DIR, `entity/services/connections/${type}/${names.stem}Connection.json`), 'utf8'),
  ) as { title: string };
  return {
    serviceType: type,
    package: names.packageName,
    typeValue: names.typeValue,
    sourceType: names.packageName,
    sourceDir,
    sourcePackage,
    sourceModules: pythonFilesUnder(sourceDir).map((f) =>
      `${sourcePackage}.${f.replace(/\.py$/, '').replace(/\//g, '.')}`.replace(/\.__init__$/, ''),
    ),
    sourceClass: firstClass(path.join(sourceDir, 'metadata.py'), 'Source'),
    clientClass: sqlalchemy ? null : firstClass(path.join(sourceDir, 'client.py'), 'Client'),
    stepMethods: sqlalchemy ? [] : [...connectionPy.matchAll(/client\.(\w+),/g)].map((m) => m[1]!),
    connectionClass: schema.title,
    connectionModule: `metadata.generated.schema.entity.services.connections.${type}.${names.stem}Connection`,
    serviceModule: `metadata.generated.schema.entity.services.${type}Service`,
    serviceTypeEnum: `${pascal(names.definitionPrefix)}ServiceType`,
    serviceEnumMember: pascal(names.definitionPrefix),
    capabilities: { lineage: profile.capabilities.includes('lineage'), usage: profile.capabilities.includes('usage') },
    /** what the GetQueries step raises when the scheme's query history is unknown (the generator's own text), else null */
    queryLogTodo: (sqlalchemy ? pythonData(profile).queries.pendingTodo : undefined) ?? null,
    sqlalchemy,
    unitTest: path.join(checkout, `ingestion/tests/unit/topology/${type}/${testModuleName(names.testName)}.py`),
    testConnectionJson: path.join(checkout, `openmetadata-service/src/main/resources/json/data/testConnections/${type}/${names.stem}.json`),
    changedSchemas: [`entity/services/connections/${type}/${names.stem}Connection.json`, `entity/services/${type}Service.json`],
  };
}
