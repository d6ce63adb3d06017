/**
 * A `--checkpoint` folder holds hours of search; two mistakes lost it without a word:
 * - a fresh run (no `--resume` of that folder) replaced the checkpoint there at its start, even
 *   when it was then refused (a `--resume` typo emptied the folder it meant to resume);
 * - two runs writing into one folder at once corrupted it, and the first then said it could be
 *   resumed.
 * So a fresh run refuses a folder that holds a checkpoint, and a run claims the folder with a lock
 * file (created exclusively) naming its process and host while it writes there: a second run is
 * refused, in this process too. A lock of a process gone from this host is taken over (a killed
 * run must not block its own `--resume`); one that cannot be checked (another host's) is refused,
 * naming the file to delete. A run that only reads (`--resume` without `--checkpoint` there) is
 * refused while another run writes.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
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
  if (held.has(abs)) throw new UsageError(`${option('checkpoint')} ${dir}: another run in this process is writing a checkpoint there; give each run its own folder`)
  try {
    makeDir(dir)
  } catch (e) {
    throw new UsageError(`${option('checkpoint')} ${dir}: cannot create the folder: ${(e as Error).message}`)
  }
  const file = join(dir, CHECKPOINT_LOCK)
  const mine = `${process.pid} ${hostname()}\n`
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' })
      break
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'EEXIST') throw new UsageError(`${option('checkpoint')} ${dir}: cannot write there: ${(e as Error).message}`)
    }
    const owner = lockOwner(file)
    if (attempt > 0 || owner === undefined || owner.live) throw new UsageError(`${option('checkpoint')} ${dir}: ${whoWrites(owner, file)}; give each run its own folder`)
    // Stale (its process gone): replaced by a rename, so two runs taking it over at once do not
    // both remove it; the exclusive create above then decides between them.
    try {
      renameSync(file, `${file}.stale-${process.pid}`)
      rmSync(`${file}.stale-${process.pid}`, { force: true })
    } catch {
      // (taken over by another run first: the next create fails, and says so)
    }
  }
  held.add(abs)
  return () => {
    held.delete(abs)
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
  if (held.has(resolve(dir)) || owner?.live === true) {
    throw new UsageError(`${option('resume')} ${dir}: ${held.has(resolve(dir)) ? 'another run in this process is writing a checkpoint there' : whoWrites(owner, file)}; resume once it has stopped`)
  }
}

/** The run named in lock file `file`: its pid and host, and whether it is alive (a process of
 * another host cannot be checked: taken as alive). Undefined when the file cannot be read. */
function lockOwner(file: string): { readonly pid: number; readonly host: string; readonly live: boolean } | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const [p, host = hostname()] = text.trim().split(' ')
  const pid = Number.parseInt(p ?? '', 10)
  if (!Number.isSafeInteger(pid) || pid <= 0) return { pid: 0, host, live: false }
  return { pid, host, live: host !== hostname() || (pid !== process.pid && alive(pid)) }
}

const whoWrites = (owner: ReturnType<typeof lockOwner>, file: string): string =>
  `another interleave run (${owner === undefined ? 'unknown' : `process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}`}) is writing a checkpoint there (if none is, delete ${file})`
