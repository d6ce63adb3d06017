/**
 * Writes a file so that no reader ever sees it half written: the content goes to a temporary file
 * beside the target (same directory, so the rename stays on one file system), is flushed, and is
 * then renamed over the target in one step. If producing or writing the content fails, the
 * temporary file is removed and the target keeps its previous content (or stays absent).
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { makeDir } from '../core/make-dir.ts'

let counter = 0

/** `content` may be a string or chunks produced lazily (a generator that may throw). */
export function writeFileAtomic(path: string, content: string | Iterable<string>): void {
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
  try {
    renameSync(tmp, path)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
}
