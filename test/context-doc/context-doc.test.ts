/**
 * connector:context-doc alone: the brief again from the stored profile, rendered from its host's plan
 * as the host generator renders it; without --host, the host is the one whose checkout the run is in.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { seedCheckout } from '../support/checkouts.js';
import { requireFixtures } from '../support/fixtures.js';
import { runBin, tempDir } from '../support/generate.js';
import { HOST_CASES, briefPathOf, completeProfile, type HostCase } from '../support/hosts.js';

/** A checkout of the case's host, and a folder inside it that is not its root. */
function checkoutOf(c: HostCase): { root: string; inside: string } {
  const root = tempDir(`context-doc-${c.host}-`);
  if (c.host === 'openmetadata') return { root: seedCheckout('openmetadata', root), inside: 'ingestion' };
  return { root: seedCheckout('mage', root), inside: path.join('mage_ai', 'data_integrations') };
}

for (const c of HOST_CASES) {
  describe(`connector:context-doc (${c.host})`, function () {
    it('run inside its checkout without --host, it writes the deleted brief again, byte for byte', function () {
      requireFixtures(this, c.host);
      const { root, inside } = checkoutOf(c);
      const generated = runBin([c.generator, ...c.flags], { cwd: root });
      assert.equal(generated.status, 0, generated.stderr);
      const brief = path.join(root, briefPathOf(c, completeProfile(c)));
      const before = readFileSync(brief, 'utf8');
      rmSync(brief);
      const again = runBin(['context-doc'], { cwd: path.join(root, inside) });
      assert.equal(again.status, 0, `${again.stdout}${again.stderr}`);
      assert.equal(readFileSync(brief, 'utf8'), before);
    });
  });
}
