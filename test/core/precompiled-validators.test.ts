/**
 * The profile validators compiled at build time (build/validators.ts) and the ones ajv compiles at
 * run time from the same schema give the same verdict and the same errors, on the matrices' valid
 * profiles and on every field of them spoiled in turn.
 */
import assert from 'node:assert/strict';
import { valuesFromOptions, withDefaults } from '../../core/profile/compose.js';
import type { PartialProfile } from '../../core/profile/field.js';
import { mageSpec } from '../../generators/mage/profile/spec.js';
import { openMetadataSpec } from '../../generators/openmetadata/profile/spec.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileValidatorFor, type ProfileSpec } from '../../core/profile/validate.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { CASES as MAGE_CASES } from '../mage/matrix.js';
import { CASES as OPENMETADATA_CASES } from '../openmetadata/matrix.js';

/** Values of the wrong kind, out of the choices, empty, or of a bad shape: one of them is wrong for any field. */
const SPOILERS: unknown[] = [42, -1, 'Not Valid!', '', [], ['no_such_choice'], [42], true, { key: 'x' }, null];

function profilesOf(spec: ProfileSpec, valid: PartialProfile[]): PartialProfile[] {
  const spoiled = valid.flatMap((profile) =>
    spec.fields.flatMap((field) => [
      ...SPOILERS.map((value) => ({ ...profile, [field.name]: value })),
      Object.fromEntries(Object.entries(profile).filter(([name]) => name !== field.name)),
    ]),
  );
  return [...valid, ...spoiled, ...valid.map((profile) => ({ ...profile, favouriteColour: 'blue' }))];
}

const HOSTS: Array<{ spec: ProfileSpec; cases: ReadonlyArray<{ options: Record<string, unknown> }> }> = [
  { spec: openMetadataSpec, cases: OPENMETADATA_CASES },
  { spec: mageSpec, cases: MAGE_CASES },
];

// The build's validators sit beside the compiled validate.js in dist/, which is where a run finds them.
type ValidateModule = typeof import('../../core/profile/validate.js');
const { precompiledValidatorFor } = (await import(pathToFileURL(path.join(REPO_ROOT, 'dist/core/profile/validate.js')).href)) as ValidateModule;

describe('precompiled profile validators', function () {
  for (const { spec, cases } of HOSTS) {
    describe(spec.host, function () {
      const precompiled = precompiledValidatorFor(spec);
      const runtime = compileValidatorFor(spec);

      it('the build compiled one from the schema the fields give now', function () {
        assert.ok(precompiled, 'no precompiled validator for this schema: run npm run build');
      });

      it('agrees with ajv at run time on valid and invalid profiles, errors included', function () {
        // as the generator composes them: option values parsed as flags are, defaults filled
        const valid = cases.map((c) => withDefaults(spec, valuesFromOptions(spec, c.options)));
        const verdicts = profilesOf(spec, valid).map((profile) => {
          const verdict = precompiled!(profile);
          assert.equal(verdict, runtime(profile), JSON.stringify(profile));
          assert.deepEqual(precompiled!.errors ?? null, runtime.errors ?? null, JSON.stringify(profile));
          return verdict;
        });
        assert.deepEqual(
          verdicts.slice(0, valid.length),
          valid.map(() => true),
          'every matrix profile is valid',
        );
        assert.ok(verdicts.filter((v) => !v).length > spec.fields.length, 'spoiled profiles are refused');
      });

      it('is not used once a field changes the schema', function () {
        const changed: ProfileSpec = { ...spec, fields: spec.fields.map((f, i) => (i === 0 ? { ...f, help: `${f.help}!` } : f)) };
        assert.equal(precompiledValidatorFor(changed), undefined);
      });
    });
  }
});
