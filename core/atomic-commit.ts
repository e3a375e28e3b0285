/**
 * mem-fs-editor's commit step (the last transform of the pipeline), writing each file whole: the new
 * contents go to a temporary file beside the target, which is then renamed over it. mem-fs-editor's
 * own step truncates the file and writes into it, so another run reading it meanwhile (Yeoman reads
 * `.yo-rc.json` when a generator starts, registration reads the host files before it takes the
 * checkout's lock) can find it empty or cut short; a rename is seen whole or not at all.
 */
import { randomBytes } from 'node:crypto';
// through the module object, as mem-fs-editor's own step calls it (a test stands in for a full disk there)
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { MemFsEditorFile } from 'mem-fs-editor';
import { clearFileState, isFileNew, isFileStateDeleted, isFileStateModified, setCommittedFile } from 'mem-fs-editor/state';

/** The mode and real path of what is at `file` now, or none when nothing is. */
async function existing(file: string): Promise<{ mode: number; target: string } | undefined> {
  try {
    // a symbolic link keeps pointing where it did: the file it names is the one replaced
    const target = await fs.realpath(file);
    return { mode: (await fs.stat(target)).mode, target };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes `contents` to `file` by rename: with the mode mem-fs asks for, else the mode the file had. */
export async function writeWhole(file: string, contents: Buffer, mode?: number): Promise<void> {
  const before = await existing(file);
  const target = before?.target ?? file;
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temporary, contents, { flag: 'wx' });
    const wanted = mode ?? before?.mode;
    if (wanted !== undefined) await fs.chmod(temporary, wanted & 0o7777);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

async function commitFile(file: MemFsEditorFile): Promise<void> {
  if (isFileStateModified(file)) {
    // as mem-fs-editor: an empty file is refused (an edit that lost its contents)
    if (!file.contents) throw new Error(`${file.path} cannot write an empty file`);
    setCommittedFile(file);
    await writeWhole(file.path, file.contents, file.stat?.mode ?? undefined);
  } else if (isFileStateDeleted(file) && !isFileNew(file)) {
    setCommittedFile(file);
    await fs.rm(file.path, { recursive: true });
  }
  clearFileState(file);
}

/** The pipeline's commit step: each file written whole (writeWhole) or deleted. */
export const createAtomicCommitTransform = (): Transform =>
  new Transform({
    objectMode: true,
    transform(file: MemFsEditorFile, _encoding, callback) {
      commitFile(file).then(
        () => {
          callback(null, file);
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });
