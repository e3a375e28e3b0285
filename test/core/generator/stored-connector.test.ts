/**
 * core/generator/stored-connector.ts, a run's profile against the connector stored under its name:
 * the stored order of its keys comes back, what is stored leaves out the choices about one run, and
 * a stored connector refuses a change that would move its tree, naming the ways out.
 */
import assert from 'node:assert/strict';
import { inOrderOf, movedConnectorProblems, withoutRunOnly } from '../../../core/generator/stored-connector.js';
import type { Field } from '../../../core/profile/field.js';
import type { ProfileSpec } from '../../../core/profile/validate.js';

const field = (name: string, more: Partial<Field> = {}): Field => ({ name, kind: 'text', help: name, schema: { type: 'string' }, ...more });

const SPEC: ProfileSpec = {
  host: 'openmetadata',
  fields: [field('name'), field('serviceType'), field('generateModels', { kind: 'boolean', runOnly: true }), field('displayName')],
  rules: [],
};

/** A host whose connectors are placed by their service type, as OpenMetadata's are. */
const PLACED = { spec: SPEC, placementFields: ['serviceType'] };

describe('core/generator/stored-connector', function () {
  describe('inOrderOf: the stored order of the keys', function () {
    it("puts the order's keys first, in that order, then the profile's others as they came", function () {
      const profile = { displayName: 'Shop', extra: 1, name: 'shop', serviceType: 'database' };
      assert.deepEqual(Object.keys(inOrderOf(['name', 'serviceType', 'displayName'], profile)), ['name', 'serviceType', 'displayName', 'extra']);
    });

    it('skips the keys of the order the profile does not have, and keeps every value', function () {
      const profile = { serviceType: 'database', name: 'shop' };
      const ordered = inOrderOf(['name', 'dockerPort', 'serviceType'], profile);
      assert.deepEqual(Object.entries(ordered), [
        ['name', 'shop'],
        ['serviceType', 'database'],
      ]);
    });

    it('without an order (nothing stored), keeps the profile as it is', function () {
      const profile = { serviceType: 'database', name: 'shop' };
      assert.deepEqual(Object.keys(inOrderOf([], profile)), ['serviceType', 'name']);
    });
  });

  describe('withoutRunOnly: what is stored of the profile', function () {
    it('leaves out the fields that are choices about one run, the others in their order', function () {
      const profile = { name: 'shop', generateModels: true, serviceType: 'database' };
      assert.deepEqual(Object.entries(withoutRunOnly(SPEC, profile)), [
        ['name', 'shop'],
        ['serviceType', 'database'],
      ]);
      assert.equal(profile.generateModels, true, 'the run keeps its own profile whole');
    });

    it('keeps keys the spec does not declare as run-only, declared or not', function () {
      assert.deepEqual(withoutRunOnly(SPEC, { name: 'shop', legacy: 'kept' }), { name: 'shop', legacy: 'kept' });
    });
  });

  describe('movedConnectorProblems: a stored connector whose tree would move', function () {
    it('refuses a placement field changed from its stored value, naming the stored value, the ways out and the value given', function () {
      const problems = movedConnectorProblems(PLACED, { name: 'shop', serviceType: 'dashboard' }, { name: 'shop', serviceType: 'database' });
      assert.deepEqual(problems, [
        {
          field: 'serviceType',
          message:
            'the connector "shop" was generated with --service-type database (stored in .yo-rc.json); ' +
            'changing it would write a second tree and a second registration beside the first. Keep --service-type database, ' +
            'pick another --name, or delete the files and registration of the old one and its "openmetadata:shop" entry in .yo-rc.json first ' +
            '(got "dashboard")',
        },
      ]);
    });

    it('finds nothing for a connector not stored yet, or with its placement unchanged', function () {
      assert.deepEqual(movedConnectorProblems(PLACED, { name: 'shop', serviceType: 'dashboard' }, undefined), []);
      assert.deepEqual(movedConnectorProblems(PLACED, { name: 'shop', serviceType: 'database' }, { name: 'shop', serviceType: 'database' }), []);
    });

    it('finds nothing when either side has no value for the field (an older store, a profile without it)', function () {
      assert.deepEqual(movedConnectorProblems(PLACED, { name: 'shop', serviceType: 'dashboard' }, { name: 'shop' }), []);
      assert.deepEqual(movedConnectorProblems(PLACED, { name: 'shop' }, { name: 'shop', serviceType: 'database' }), []);
    });

    it('lets any other field change, and a host without placement fields change anything', function () {
      assert.deepEqual(movedConnectorProblems(PLACED, { name: 'shop', displayName: 'New' }, { name: 'shop', displayName: 'Old' }), []);
      assert.deepEqual(movedConnectorProblems({ spec: SPEC }, { name: 'shop', serviceType: 'dashboard' }, { name: 'shop', serviceType: 'database' }), []);
    });
  });
});
