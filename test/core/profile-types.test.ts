/**
 * The profile types are read from the fields' schemas (core/profile/field.ts ProfileOf): a field is
 * typed present unless it says `optional`. What the type promises, the composer keeps: every field
 * not marked optional has a value in every complete profile of the matrices, of the type its schema gives.
 */
import assert from 'node:assert/strict';
import { withDefaults } from '../../core/profile/compose.js';
import { findProblems } from '../../core/profile/validate.js';
import { CASES as MAGE_CASES } from '../mage/matrix.js';
import { CASES as OPENMETADATA_CASES } from '../openmetadata/matrix.js';
import { HOST_CASES } from '../support/hosts.js';

const MATRIX: Record<string, ReadonlyArray<{ id: string; options: Record<string, unknown> }>> = {
  openmetadata: OPENMETADATA_CASES,
  mage: MAGE_CASES,
};

for (const c of HOST_CASES) {
  describe(`${c.host} profile type`, function () {
    it('declares how each field gets a value: required, a default, or optional', function () {
      const undecided = c.spec.fields.filter((f) => !f.optional && !f.required && !f.defaultFor).map((f) => f.name);
      assert.deepEqual(undecided, []);
    });

    it('has a value for every field not marked optional in each complete, valid profile of the matrix', function () {
      const problems: string[] = [];
      for (const { id, options } of MATRIX[c.host] ?? []) {
        const profile = withDefaults(c.spec, { ...c.minimal, ...options });
        if (findProblems(c.spec, profile).length > 0) continue;
        for (const field of c.spec.fields.filter((f) => !f.optional)) {
          if (profile[field.name] === undefined) problems.push(`${id}: ${field.name}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  });
}
