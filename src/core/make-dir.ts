/**
 * `mkdirSync(dir, { recursive: true })` without its endless loop: Node 20's recursive mkdir
 * retries for ever where mkdir answers ENOENT for a folder whose parent exists (procfs: `--out
 * /proc/x` spun at full CPU, deaf to SIGTERM, before the trace writer could report anything).
 * This creates the missing folders from the top down and throws mkdir's own error (ENOENT,
 * EACCES, ENOTDIR) for the first one that cannot be made; a file where the folder should be is
 * ENOTDIR too, saying so (mkdir's EEXIST, "file already exists", read as if the folder did).
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
    if (code === 'EEXIST') {
      if (isFolder(abs)) return
      throw Object.assign(new Error(`ENOTDIR: not a folder: ${abs} is a file, mkdir '${abs}'`), { code: 'ENOTDIR', errno: -20, syscall: 'mkdir', path: abs })
    }
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
