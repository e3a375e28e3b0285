/**
 * --docs-notes over several lines, for both hosts: from a profile file (a YAML
 * block), a flag with real line breaks, and the prompt, where one line stands
 * for several by `\n` (`\\` for a backslash). The notes are stored as given,
 * and the brief renders each line as a line of its own with the exact text; no
 * other generated file holds them but OpenMetadata's connection guide (its requirements).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { decodePromptLine, encodePromptLine } from '../../core/profile/multiline.js';
import { readText, readTree, runBin, runGenerator, tempDir } from '../support/generate.js';
import { HOST_CASES, briefPathOf, storedProfileIn, type HostCase } from '../support/hosts.js';
import { foldSpaces, quoteAfter, visibleBlocks } from '../support/markdown.js';

/** Notes with what a line of them can hold: Markdown, a blank line, a backslash before n, a Windows path. */
const NOTES = [
  'Rate limited to 10 requests per second.',
  '- pages: next_cursor until it is empty',
  '',
  '# not a heading, and `code` stays code',
  'Escapes stay text: \\n is not a line break here, nor C:\\new\\temp',
].join('\n');

/** The lines a reader sees in the brief's notes quote, in order. */
function quotedLines(c: HostCase, dir: string): string[] {
  const blocks = visibleBlocks(readText(dir, briefPathOf(c, storedProfileIn(dir, c.host, String(c.minimal.name))!)));
  const lead = c.host === 'openmetadata' ? 'Notes from the profile:' : 'Notes';
  return quoteAfter(blocks, lead);
}

const expectedLines = (notes: string): string[] => notes.split('\n').map(foldSpaces).filter(Boolean);

/** The notes' lines appear in the brief (and OpenMetadata's connection guide) only: the other files of the run know nothing of them. */
function onlyInBrief(c: HostCase, dir: string, notes: string): void {
  const profile = storedProfileIn(dir, c.host, String(c.minimal.name))!;
  const guide = c.definition.plan(profile as never).find((f) => f.id === 'connectionGuide')?.destination;
  const marker = notes.split('\n')[0]!;
  const holders = [...readTree(dir)].filter(([, text]) => text.includes(marker)).map(([file]) => file);
  assert.deepEqual(holders.filter((file) => file !== '.yo-rc.json').sort(), [briefPathOf(c, profile), ...(guide ? [guide] : [])].sort());
}

describe('docs notes over several lines: the prompt line', function () {
  it('`\\n` is a line break and `\\\\` a backslash; any other backslash stays (fast-check, seed 6)', function () {
    assert.equal(decodePromptLine('one\\ntwo \\\\n three C:\\temp \\x00'), 'one\ntwo \\n three C:\\temp \\x00');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', ' ', 'n', '\\', '\n', '\r\n', 'x', 'é'), { maxLength: 20 }).map((a) => a.join('')),
        (text) => {
          const line = encodePromptLine(text);
          assert.ok(!/[\r\n]/.test(line), 'one line');
          assert.equal(decodePromptLine(line), text.replace(/\r\n/g, '\n'));
        },
      ),
      { numRuns: 3000, seed: 6 },
    );
  });
});

for (const c of HOST_CASES) {
  describe(`docs notes over several lines (${c.host})`, function () {
    this.timeout(120_000);

    it('from a profile file (a YAML block): stored as written, each line its own line in the brief, in no other file', async function () {
      const file = path.join(tempDir(), 'profile.yaml');
      writeFileSync(file, yaml.dump({ docs_notes: NOTES }));
      assert.match(readText(path.dirname(file), 'profile.yaml'), /docs_notes: \|/, 'the file holds a YAML block');
      const { dir } = await runGenerator(c.generator, { ...c.minimal, profile: file });
      assert.equal(storedProfileIn(dir, c.host, String(c.minimal.name))?.docsNotes, NOTES);
      assert.deepEqual(quotedLines(c, dir), expectedLines(NOTES));
      onlyInBrief(c, dir, NOTES);
    });

    it('from a flag with real line breaks (the bin)', function () {
      const dir = tempDir();
      const run = runBin([c.generator, ...c.flags, '--docs-notes', NOTES], { cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(storedProfileIn(dir, c.host, String(c.minimal.name))?.docsNotes, NOTES);
      assert.deepEqual(quotedLines(c, dir), expectedLines(NOTES));
    });

    it('at the prompt: `\\n` breaks the line, the question says so, and asked again the stored notes are the default as typed', async function () {
      const typed = encodePromptLine(NOTES);
      assert.ok(!typed.includes('\n'));
      let message = '';
      const { dir } = await runGenerator(
        c.generator,
        { ...c.minimal, interactive: true },
        {
          answers: { docsNotes: typed },
          answerCallback: (answer, question) => {
            if (question.name === 'docsNotes') message = String(question.message);
            return answer;
          },
        },
      );
      assert.match(message, /\\n for a line break/);
      assert.equal(storedProfileIn(dir, c.host, String(c.minimal.name))?.docsNotes, NOTES);
      assert.deepEqual(quotedLines(c, dir), expectedLines(NOTES));

      // --ask-answered: the question shows the stored notes as one line; taking the default keeps them as they were
      let shown: unknown;
      await runGenerator(
        c.generator,
        { name: c.minimal.name, interactive: true, askAnswered: true },
        {
          cwd: dir,
          answerCallback: (answer, question) => {
            if (question.name === 'docsNotes') shown = (question as { default?: unknown }).default;
            return answer;
          },
        },
      );
      assert.equal(shown, typed);
      assert.equal(storedProfileIn(dir, c.host, String(c.minimal.name))?.docsNotes, NOTES);
    });
  });
}
