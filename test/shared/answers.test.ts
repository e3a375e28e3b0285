/**
 * Where the answers go inside a host checkout: `.yo-rc.json` at its root
 * (where Yeoman and connector:context-doc read them). In a git checkout the
 * run lists it in `.git/info/exclude`, so `git status` never offers it for a
 * commit; an identical re-run touches neither file. The run's output and the
 * brief say where the answers are. In a git worktree or a submodule (`.git` is a
 * file) the exclude file and the records are where git says (`git rev-parse`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { literal, runBin, tempDir } from '../support/generate.js';
import { HOST_CASES, briefPathOf, completeProfile } from '../support/hosts.js';

const git = (dir: string, ...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });

/** git, failing the test when the command fails; its output trimmed. */
function gitOk(dir: string, ...args: string[]): string {
  const run = git(dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'protocol.file.allow=always', ...args);
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

/** A repository with one commit, in `<parent>/<name>`. */
function repository(parent: string, name: string): string {
  const dir = path.join(parent, name);
  gitOk(parent, 'init', '-q', name);
  gitOk(dir, 'commit', '-q', '--allow-empty', '-m', 'start');
  return dir;
}

/** Checkouts whose `.git` is a file: a worktree of a repository, a submodule of another. */
const CHECKOUTS_WITH_A_GIT_FILE: { kind: string; make: (parent: string) => string }[] = [
  {
    kind: 'a git worktree',
    make: (parent) => {
      gitOk(repository(parent, 'main'), 'worktree', 'add', '-q', path.join(parent, 'worktree'));
      return path.join(parent, 'worktree');
    },
  },
  {
    kind: 'a git submodule',
    make: (parent) => {
      const module = repository(parent, 'module');
      gitOk(repository(parent, 'super'), 'submodule', 'add', '-q', module, 'module');
      return path.join(parent, 'super', 'module');
    },
  },
];

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

    it('outside git, the brief says the answers are in .yo-rc.json at the root its paths start from, not in its own folder', function () {
      const dir = tempDir('connector-answers-plain-');
      assert.equal(runBin([c.generator, ...c.flags], { cwd: dir }).status, 0);
      const brief = readFileSync(path.join(dir, briefPathOf(c, completeProfile(c))), 'utf8');
      assert.match(
        brief,
        /answers are kept in `\.yo-rc\.json` at the root of the folder the files were generated into \(where the paths in this brief start\)/,
      );
      assert.doesNotMatch(brief, /\.yo-rc\.json` in this folder/);
    });

    for (const checkout of CHECKOUTS_WITH_A_GIT_FILE) {
      it(`in ${checkout.kind} (.git is a file), .yo-rc.json is excluded where git reads it, the records go to its git folder, and the run names both paths`, function () {
        const parent = tempDir('connector-answers-git-file-');
        const dir = checkout.make(parent);
        assert.ok(!existsSync(path.join(dir, '.git', 'info')), 'the .git of the checkout is a file');
        const exclude = path.resolve(dir, gitOk(dir, 'rev-parse', '--git-path', 'info/exclude'));
        const gitFolder = gitOk(dir, 'rev-parse', '--absolute-git-dir');
        // records to the checkout's git folder, not the cache (nor the test's own records folder)
        const cache = tempDir('connector-answers-cache-');
        const env = { GENERATOR_CONNECTOR_STATE_DIR: '', XDG_CACHE_HOME: cache };
        const first = runBin([c.generator, ...c.flags], { cwd: dir, env });
        assert.equal(first.status, 0, first.stdout + first.stderr);
        assert.match(readFileSync(exclude, 'utf8'), /^\/\.yo-rc\.json$/m);
        assert.ok(!git(dir, 'status', '--porcelain', '--untracked-files=all').stdout.includes('.yo-rc.json'), 'git offers .yo-rc.json for a commit');
        const shownExclude = path.relative(dir, exclude);
        assert.match(
          first.stdout + first.stderr,
          new RegExp(`answers are kept in \\.yo-rc\\.json at the checkout root, which git ignores here \\(it is listed in ${literal(shownExclude)},`),
        );
        const brief = briefPathOf(c, completeProfile(c));
        assert.match(readFileSync(path.join(dir, brief), 'utf8'), new RegExp(`listed in \`${literal(shownExclude)}\``));
        assert.ok(
          existsSync(path.join(gitFolder, 'generator-connector', 'base', brief)),
          `no record of ${brief} in ${gitFolder}/generator-connector/base`,
        );
        assert.ok(!existsSync(path.join(cache, 'generator-connector')), 'records went to the cache');

        const before = readFileSync(exclude, 'utf8');
        const again = runBin([c.generator, ...c.flags], { cwd: dir, env });
        assert.equal(again.status, 0, again.stdout + again.stderr);
        assert.equal(readFileSync(exclude, 'utf8'), before, 'the exclude line was added twice');
      });
    }
  });
}
