/**
 * A `--checkpoint` folder holds hours of search; two mistakes lost it without a word:
 * - a fresh run (no `--resume` of that folder) replaced the checkpoint there at its start, even
 *   when it was then refused (a `--resume` typo emptied the folder it meant to resume);
 * - two runs writing into one folder at once corrupted it, and the first then said it could be
 *   resumed.
 * So a fresh run refuses a folder that holds a checkpoint, and a run claims the folder with a lock
 * file (created exclusively) naming its process and host while it writes there: a second run is
 * refused, in this process too. A lock of a process gone from this host is taken over (a killed
 * run must not block its own `--resume`); one that cannot be checked (another host's: a container
 * restarted under a new hostname too) is refused, naming the file to delete. A run that only reads
 * (`--resume` without `--checkpoint` there) is refused while another run writes (checked when it
 * starts, not held: a writer starting later is not stopped).
 */
import { existsSync, linkSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { UsageError, option } from './errors.ts'
import { makeDir } from './make-dir.ts'
import { alive } from './pid-file.ts'

/** The file every checkpoint writes last (both engines' manifests). */
const MANIFEST = 'manifest.json'
export const CHECKPOINT_LOCK = '.interleave-checkpoint.lock'

/** The folders this process's runs hold now (two `check()` calls at once share a pid). */
const held = new Set<string>()

/** Claims `dir` for this run's checkpoints (see above); the function releases it. */
export function claimCheckpointFolder(dir: string, resume: string | undefined): () => void {
  const abs = resolve(dir)
  const resumesHere = resume !== undefined && resolve(resume) === abs
  if (!resumesHere && existsSync(join(dir, MANIFEST))) {
    throw new UsageError(
      `${option('checkpoint')} ${dir} holds a checkpoint already: resume it with ${option('resume')} ${dir} (and ${option('checkpoint')} ${dir} to go on writing there), or remove it or choose another folder to start over`,
    )
  }
  if (resume !== undefined && !resumesHere) refuseWhileWritten(resume)
  try {
    makeDir(dir)
  } catch (e) {
    throw new UsageError(`${option('checkpoint')} ${dir}: cannot create the folder: ${(e as Error).message}`)
  }
  // Keyed by the real path: a folder reached through a link is one folder.
  const real = realpathSync(dir)
  if (held.has(real)) throw new UsageError(`${option('checkpoint')} ${dir}: another run in this process is writing a checkpoint there; give each run its own folder`)
  const file = join(dir, CHECKPOINT_LOCK)
  const mine = `${process.pid} ${hostname()}\n`
  for (let attempt = 0; ; attempt++) {
    // Created whole (its content written first, then linked into place, which fails if the lock
    // exists): a lock is never seen empty, which read as stale.
    const tmp = `${file}.${process.pid}.tmp`
    let made = false
    try {
      writeFileSync(tmp, mine)
      linkSync(tmp, file)
      made = true
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'EEXIST') throw new UsageError(`${option('checkpoint')} ${dir}: cannot write there: ${(e as Error).message}`)
    } finally {
      rmSync(tmp, { force: true })
    }
    if (made) break
    const owner = lockOwner(file)
    if (attempt > 2) throw new UsageError(`${option('checkpoint')} ${dir}: ${whoWrites(owner, file)}; give each run its own folder`)
    if (owner === undefined) continue // gone meanwhile: create it again
    if (owner.live) throw new UsageError(`${option('checkpoint')} ${dir}: ${whoWrites(owner, file)}; give each run its own folder`)
    // Stale (its process gone): moved aside, then checked to be the lock judged stale. Another run
    // may have taken it over meanwhile and made its own; that one is put back, and this run
    // goes on as the loser (the next create fails, and says who writes).
    const aside = `${file}.stale-${process.pid}`
    try {
      renameSync(file, aside)
      if (readFileSync(aside, 'utf8') !== owner.text) linkSync(aside, file)
    } catch {
      // (moved by another run first, or the lock is back: the next create decides)
    } finally {
      rmSync(aside, { force: true })
    }
  }
  held.add(real)
  return () => {
    held.delete(real)
    try {
      if (readFileSync(file, 'utf8') === mine) rmSync(file, { force: true })
    } catch {
      // (gone: nothing to release)
    }
  }
}

/** `--resume` of a folder another run is writing: it may read a checkpoint half replaced. */
export function refuseWhileWritten(dir: string): void {
  const file = join(dir, CHECKPOINT_LOCK)
  const owner = existsSync(file) ? lockOwner(file) : undefined
  let real: string
  try {
    real = realpathSync(dir)
  } catch {
    return // no folder: the resume says so
  }
  if (held.has(real) || owner?.live === true) {
    throw new UsageError(`${option('resume')} ${dir}: ${held.has(real) ? 'another run in this process is writing a checkpoint there' : whoWrites(owner, file)}; resume once it has stopped`)
  }
}

/** The run named in lock file `file`: its pid and host, and whether it is alive (a process of
 * another host cannot be checked: taken as alive). Undefined when the file cannot be read. */
function lockOwner(file: string): { readonly pid: number; readonly host: string; readonly live: boolean; readonly text: string } | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  // "<pid> <host>", the host as os.hostname() gives it (spaces and all).
  const line = text.trim()
  const space = line.indexOf(' ')
  const pid = Number.parseInt(space < 0 ? line : line.slice(0, space), 10)
  const host = space < 0 ? hostname() : line.slice(space + 1)
  // Unreadable content is no proof of a run gone: taken as live (the message names the file).
  if (!Number.isSafeInteger(pid) || pid <= 0) return { pid: 0, host, live: true, text }
  return { pid, host, live: host !== hostname() || (pid !== process.pid && alive(pid)), text }
}

const whoWrites = (owner: ReturnType<typeof lockOwner>, file: string): string =>
  `another interleave run (${owner === undefined ? 'unknown' : `process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}`}) is writing a checkpoint there (if none is, delete ${file})`
