/**
 * `mkdirSync(dir, { recursive: true })` without its endless loop: Node 20's recursive mkdir
 * retries for ever where mkdir answers ENOENT for a folder whose parent exists (procfs: `--out
 * /proc/x` spun at full CPU, deaf to SIGTERM, before the trace writer could report anything).
 * This creates the missing folders from the top down and throws mkdir's own error (ENOENT,
 * EACCES, ENOTDIR, EEXIST for a file in the way) for the first one that cannot be made.
 */
import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

export function makeDir(dir: string): void {
  const abs = resolve(dir)
  try {
    mkdirSync(abs)
    return
  } catch (e) {
    const code = (e as { code?: unknown }).code
    if (code === 'EEXIST' && isFolder(abs)) return
    const parent = dirname(abs)
    if (code !== 'ENOENT' || parent === abs) throw e
    makeDir(parent)
  }
  // The parent exists now: once more, and mkdir's answer stands.
  mkdirSync(abs)
}

/** Whether `path` is a folder (false when it is missing or cannot be read). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
