/**
 * Where the answers go inside a host checkout: `.yo-rc.json` at its root
 * (where Yeoman and connector:context-doc read them). In a git checkout the
 * run lists it in `.git/info/exclude`, so `git status` never offers it for a
 * commit; an identical re-run touches neither file. The run's output and the
 * brief say where the answers are.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runBin, tempDir } from '../support/generate.js';
import { HOST_CASES, briefPathOf, completeProfile } from '../support/hosts.js';

const git = (dir: string, ...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });

for (const c of HOST_CASES) {
  describe(`stored answers in a git checkout (${c.host})`, function () {
    this.timeout(60_000);

    it('.yo-rc.json is listed in .git/info/exclude once, git status does not show it, and the run and the brief say where the answers are', function () {
      const dir = tempDir('connector-answers-');
      assert.equal(git(dir, 'init', '-q').status, 0);
      const first = runBin([c.generator, ...c.flags], { cwd: dir });
      assert.equal(first.status, 0, first.stderr);
      const exclude = (): string => readFileSync(path.join(dir, '.git', 'info', 'exclude'), 'utf8');
      assert.match(exclude(), /^\/\.yo-rc\.json$/m);
      assert.ok(!git(dir, 'status', '--porcelain', '--untracked-files=all').stdout.includes('.yo-rc.json'), 'git offers .yo-rc.json for a commit');
      assert.match(first.stdout + first.stderr, /answers are kept in \.yo-rc\.json at the checkout root, which git ignores here/);
      const brief = readFileSync(path.join(dir, briefPathOf(c, completeProfile(c))), 'utf8');
      assert.match(brief, /answers are kept in `\.yo-rc\.json` at the checkout root/);

      const before = { exclude: exclude(), answers: readFileSync(path.join(dir, '.yo-rc.json'), 'utf8') };
      const again = runBin([c.generator, ...c.flags], { cwd: dir });
      assert.equal(again.status, 0, again.stderr);
      assert.equal(exclude(), before.exclude, 'the exclude line was added twice');
      assert.equal(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8'), before.answers);
      assert.doesNotMatch(again.stdout + again.stderr, /\.git\/info\/exclude\n|force .*exclude/);
    });

    it('outside git, the brief says the answers are in .yo-rc.json in the folder', function () {
      const dir = tempDir('connector-answers-plain-');
      assert.equal(runBin([c.generator, ...c.flags], { cwd: dir }).status, 0);
      assert.match(readFileSync(path.join(dir, briefPathOf(c, completeProfile(c))), 'utf8'), /answers are kept in `\.yo-rc\.json` in this folder/);
    });
  });
}
