/**
 * A stub must not pass for a working source. The file source's read_rows
 * raises with its TODO until it is written, so a sync fails instead of
 * reporting zero records, and its test connection fails for a file that does
 * not exist. Both run in the real mage_integrations.
 */
import assert from 'node:assert/strict';
import { runGenerator, tempDir } from '../support/generate.js';
import { mageTree, requireMageTools, runPython } from './support.js';

const SCRIPT = `
import json
from unittest.mock import MagicMock
from mage_integrations.sources.csv_drop import CsvDrop

outcomes = {}
source = CsvDrop(config={"file_path": "/no/such/file.csv"})
for name, call in [
    ("sync", lambda: list(source.load_data(MagicMock(tap_stream_id="rows")))),
    ("test_connection", source.test_connection),
]:
    try:
        call()
        outcomes[name] = "passed"
    except Exception as error:
        outcomes[name] = type(error).__name__ + ": " + str(error)
print(json.dumps(outcomes))
`;

describe('mage file source: unimplemented parts fail loudly', function () {
  this.timeout(60_000);

  it('a sync raises NotImplementedError with the TODO, and test_connection fails for a missing file', async function () {
    const tools = requireMageTools(this);
    const dir = tempDir('connector-mage-stub-');
    await runGenerator('mage', { name: 'csv_drop', connectorType: 'file', streams: ['rows'] }, { cwd: dir });
    const tree = mageTree(tools, tempDir('connector-mage-tree-'), dir, 'csv_drop');
    const result = runPython(tools, tree, ['-c', SCRIPT]);
    assert.equal(result.status, 0, result.stderr);
    const outcomes = JSON.parse(result.stdout.trim()) as Record<string, string>;
    assert.match(outcomes.sync!, /^NotImplementedError: TODO: read the rows of stream rows/);
    assert.match(outcomes.test_connection!, /file_path names no file that exists: \/no\/such\/file\.csv/);
  });
});
