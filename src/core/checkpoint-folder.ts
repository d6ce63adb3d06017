/**
 * A `--checkpoint` folder holds hours of search; two mistakes lost it without a word:
 * - a fresh run (no `--resume` of that folder) replaced the checkpoint there at its start, even
 *   when it was then refused (a `--resume` typo emptied the folder it meant to resume);
 * - two runs writing into one folder at once corrupted it, and the first then said it could be
 *   resumed.
 * So a fresh run refuses a folder that holds a checkpoint, and a run claims the folder with a lock
 * file naming its process while it writes there: a second live run is refused. A lock whose process
 * is gone is taken over (a killed run must not block its own `--resume`).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { UsageError, option } from './errors.ts'
import { makeDir } from './make-dir.ts'
import { alive, readOwner } from './pid-file.ts'

/** The file every checkpoint writes last (both engines' manifests). */
const MANIFEST = 'manifest.json'
export const CHECKPOINT_LOCK = '.interleave-checkpoint.lock'

/** Claims `dir` for this run's checkpoints (see above); the function releases it. */
export function claimCheckpointFolder(dir: string, resume: string | undefined): () => void {
  const resumesHere = resume !== undefined && resolve(resume) === resolve(dir)
  if (!resumesHere && existsSync(join(dir, MANIFEST))) {
    throw new UsageError(
      `${option('checkpoint')} ${dir} holds a checkpoint already: resume it with ${option('resume')} ${dir} (and ${option('checkpoint')} ${dir} to go on writing there), or remove it or choose another folder to start over`,
    )
  }
  const file = join(dir, CHECKPOINT_LOCK)
  const owner = readOwner(file)
  if (owner !== undefined && owner !== process.pid && alive(owner)) {
    throw new UsageError(`${option('checkpoint')} ${dir}: another interleave run (process ${owner}) is writing a checkpoint there; give each run its own folder`)
  }
  try {
    makeDir(dir)
  } catch (e) {
    throw new UsageError(`${option('checkpoint')} ${dir}: cannot create the folder: ${(e as Error).message}`)
  }
  try {
    writeFileSync(file, `${process.pid}\n`)
  } catch (e) {
    throw new UsageError(`${option('checkpoint')} ${dir}: cannot write there: ${(e as Error).message}`)
  }
  return () => {
    if (readOwner(file) === process.pid) rmSync(file, { force: true })
  }
}
