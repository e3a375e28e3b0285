/**
 * mage-ai's own tools judge what the Mage generator writes: its pre-commit hook
 * requirements-txt-fixer (pre-commit-hooks v4.5.0, mage-ai's rev) finds nothing
 * to reorder in the edited requirements.txt, and flake8 with flake8-bugbear
 * 23.3.12 (mage-ai's lock) finds nothing in the generated Python. The tools
 * come from PyPI at those versions (test/mage/tools-requirements.txt), in the
 * venv .ci/run builds; GC_MAGE_TOOLS names its bin folder.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MAGE_FACTS } from '../../generators/mage/facts/index.js';
import { MAGE_HOST_FIXTURE, seedCheckout } from '../support/checkouts.js';
import { listFiles } from '../support/files.js';
import { runGenerator, tempDir } from '../support/generate.js';
import { spawnTool } from '../support/spawn.js';
import { requireMageTools } from './support.js';

const REQUIREMENTS_FILE = MAGE_FACTS.paths.requirements;

const tool = (bin: string, name: string, args: string[], cwd: string) => spawnTool(path.join(bin, name), args, { cwd });

describe("mage-ai's own tools on the generated source", function () {
  this.timeout(120_000);

  it('requirements-txt-fixer (pre-commit-hooks 4.5.0) leaves the edited requirements.txt as it is', async function () {
    const bin = requireMageTools(this);
    const cases = [
      { name: 'pg3_db', connectorType: 'sql', pipPackages: ['psycopg[binary]==3.1.18'] },
      { name: 'crm_api', connectorType: 'api', streams: ['orders'], authTypes: ['oauth2'], pipPackages: ['requests-oauthlib==1.3.1', 'Backoff>=2'] },
      { name: 'my_db', connectorType: 'sql', pipPackages: ['PyMySQL==1.1.0', 'mysql-connector-python~=9.0.0'] },
    ];
    for (const options of cases) {
      const dir = seedCheckout('mage', tempDir('connector-mage-fixer-'));
      await runGenerator('mage', options, { cwd: dir });
      const before = readFileSync(path.join(dir, REQUIREMENTS_FILE), 'utf8');
      const result = tool(bin, 'requirements-txt-fixer', [REQUIREMENTS_FILE], dir);
      const after = readFileSync(path.join(dir, REQUIREMENTS_FILE), 'utf8');
      assert.equal(
        result.status,
        0,
        `${options.name}: the hook changed requirements.txt:\n${result.stdout}${result.stderr}\nbefore:\n${before}\nafter:\n${after}`,
      );
    }
    // the check can fail: the hook does reorder a file out of its order
    const scratch = tempDir();
    copyFileSync(path.join(MAGE_HOST_FIXTURE, REQUIREMENTS_FILE), path.join(scratch, 'requirements.txt'));
    spawnTool('sh', ['-c', 'echo "aaa==1" >> requirements.txt'], { cwd: scratch });
    assert.notEqual(tool(bin, 'requirements-txt-fixer', ['requirements.txt'], scratch).status, 0, 'the hook accepted an unsorted file');
  });

  it('flake8 with flake8-bugbear 23.3.12 (max line length 100) finds nothing in any kind of source', async function () {
    const bin = requireMageTools(this);
    const version = tool(bin, 'flake8', ['--version'], '.').stdout;
    assert.match(version, /flake8-bugbear: 23\.3\.12/, `bugbear is not loaded: ${version}`);
    const dir = tempDir('connector-mage-bugbear-');
    const kinds = [
      { name: 'sql_src', connectorType: 'sql' },
      { name: 'api_src', connectorType: 'api', streams: ['orders', 'users'], authTypes: ['api_key', 'bearer', 'basic', 'oauth2', 'none'] },
      { name: 'file_src', connectorType: 'file', streams: ['rows'] },
    ];
    for (const options of kinds) await runGenerator('mage', options, { cwd: dir });
    const files = listFiles(dir, { ext: '.py' });
    assert.ok(files.length > 10, `only ${files.length} Python files`);
    const result = tool(bin, 'flake8', ['--max-line-length', '100', ...files], dir);
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });
});
