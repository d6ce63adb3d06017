/**
 * Two runs writing trace files into one `--out` folder at once can leave a mixed set of files
 * (one run's report beside the other's traces). A run claims the folder with a small lock file
 * naming its process; a second run that finds a live owner warns (it still writes: the lock is
 * advice, not exclusion, so a stale file can never block a run), and a lock whose process is gone
 * is taken over. Best effort: a folder that cannot be created or written is left to the trace
 * writer, which reports it after the verdict.
 */
import { existsSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeDir } from '../core/make-dir.ts'
import { alive, readOwner } from '../core/pid-file.ts'

export const LOCK_FILE = '.interleave-run.lock'

export interface OutLock {
  /** The warning to print, when another live run holds the folder. */
  readonly warning?: string
  release(): void
}

export function claimOut(dir: string): OutLock {
  const file = join(dir, LOCK_FILE)
  const owner = readOwner(file)
  if (owner !== undefined && owner !== process.pid && alive(owner)) {
    return {
      warning: `warning: --out ${dir}: another interleave run (process ${owner}) is writing trace files here; the two runs' files may mix (give each run its own --out)`,
      release: () => {},
    }
  }
  // A folder this run makes only for its lock goes again if nothing else was written there (a
  // model error before any trace: no empty folder left behind).
  const made = !existsSync(dir)
  try {
    makeDir(dir)
    writeFileSync(file, `${process.pid}\n`)
  } catch {
    return { release: () => {} }
  }
  return {
    release: () => {
      if (readOwner(file) === process.pid) rmSync(file, { force: true })
      try {
        if (made && readdirSync(dir).length === 0) rmdirSync(dir)
      } catch {
        // (gone or not ours to remove: nothing to tidy)
      }
    },
  }
}
