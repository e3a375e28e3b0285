/**
 * The member the UI's generated TypeScript gives a service type, asked of quicktype-core: a
 * specification of the naming as quicktype 15.1.0 (the UI's pin) names the checkout's members. The UI
 * layer (test/ui/typescript-types.ui.test.ts) checks every matrix case against that quicktype itself.
 */
import assert from 'node:assert/strict';
import { quicktypeEnumMember } from '../../../generators/openmetadata/ui/enum-members.js';

const DATABASES = ['Mysql', 'BigQuery', 'SapHana', 'Db2', 'DynamoDB'];

describe('quicktypeEnumMember: the UI enum member of a service type value', function () {
  it('keeps a value of plain words as it is', function () {
    assert.equal(quicktypeEnumMember('DatabaseServiceType', DATABASES, 'WarehouseLake'), 'WarehouseLake');
    assert.equal(quicktypeEnumMember('DatabaseServiceType', DATABASES, 'Mysql'), 'Mysql');
  });

  it('upper-cases the words quicktype takes for acronyms', function () {
    assert.equal(quicktypeEnumMember('DatabaseServiceType', DATABASES, 'WarehouseDb'), 'WarehouseDB');
    assert.equal(quicktypeEnumMember('APIServiceType', ['Rest'], 'MyApi'), 'MyAPI');
    assert.equal(quicktypeEnumMember('DashboardServiceType', ['Metabase'], 'BiTool'), 'BITool');
  });

  it('renames a value whose member would clash with an earlier one', function () {
    const member = quicktypeEnumMember('DatabaseServiceType', [...DATABASES, 'WarehouseDB'], 'WarehouseDb');
    assert.equal(typeof member, 'string');
    assert.notEqual(member, 'WarehouseDB');
  });
});
