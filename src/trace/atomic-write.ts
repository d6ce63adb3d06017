/**
 * Writes a file so that no reader ever sees it half written: the content goes to a temporary file
 * beside the target (same directory, so the rename stays on one file system), is flushed, and is
 * then renamed over the target in one step. If producing or writing the content fails, the
 * temporary file is removed and the target keeps its previous content (or stays absent).
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { isFolder, makeDir } from '../core/make-dir.ts'

let counter = 0

/** `content` may be a string or chunks produced lazily (a generator that may throw). */
export function writeFileAtomic(path: string, content: string | Iterable<string>): void {
  const tmp = writeTemporary(path, content)
  try {
    renameSync(tmp, path)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
}

/**
 * Several files, all or none as far as the file system allows: every content is written and
 * flushed to its temporary file first, and only then renamed over its target, so a write that
 * fails (a full disk, a folder that cannot be made, a target that is a folder) leaves every target
 * as it was, the previous run's files included. Only a rename failing after another succeeded
 * can leave a mix; the targets are checked for folders first, the usual reason a rename fails.
 * `onError` is told which file failed.
 */
export function writeFilesAtomic(files: readonly { readonly path: string; readonly content: string | Iterable<string> }[], onError: (path: string, e: unknown) => never): void {
  const temps: string[] = []
  try {
    for (const f of files) {
      try {
        if (isFolder(f.path)) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${f.path}'`), { code: 'EISDIR', path: f.path })
        temps.push(writeTemporary(f.path, f.content))
      } catch (e) {
        onError(f.path, e)
      }
    }
    for (let i = 0; i < files.length; i++) {
      const path = (files[i] as { path: string }).path
      try {
        renameSync(temps[i] as string, path)
        temps[i] = ''
      } catch (e) {
        onError(path, e)
      }
    }
  } finally {
    for (const t of temps) if (t !== '') rmSync(t, { force: true })
  }
}

/** `content` written and flushed to a temporary file beside `path`: its name. */
function writeTemporary(path: string, content: string | Iterable<string>): string {
  makeDir(dirname(path))
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`)
  const fd = openSync(tmp, 'w')
  let ok = false
  try {
    for (const chunk of typeof content === 'string' ? [content] : content) writeSync(fd, chunk)
    fsyncSync(fd)
    ok = true
  } finally {
    closeSync(fd)
    if (!ok) rmSync(tmp, { force: true })
  }
  return tmp
}
