/**
 * Checkpoints of a level-synchronous BFS, and resuming from them. A checkpoint is the search as it
 * stood at the start of a level: the visited set's columns (fingerprint, parent, ordinal) for every
 * state known then, the level's frontier (chunks as the parallel BFS's codec wrote them), and the counters. Resuming redoes the
 * level, and the search is deterministic, so a resumed run ends with exactly the counts, verdicts
 * and counterexamples of an uninterrupted one.
 *
 * Files in the directory:
 * - `hi.bin`, `lo.bin`, `link.bin`, `ord.bin`: the columns, append-only (states never change once
 *   their level is closed), each append a segment with its SHA-256 in the manifest;
 * - `frontier-<seq>.bin`: the frontier, with its SHA-256 in the manifest;
 * - `graph-<seq>.bin`: when liveness is checked, the liveness graph recorded up to the level
 *   (`explore/liveness/recorder.ts`: every node before the level expanded), with its SHA-256 in
 *   the manifest, so a resumed search goes on recording it instead of searching again. Written
 *   whole at each checkpoint (about 33 bytes per state and 11 per edge), not appended;
 * - `manifest.json`: written last, atomically (rename), so a run killed at any point leaves the
 *   previous checkpoint intact. Bytes past the manifest's length (an append cut short) are ignored.
 *   It carries a SHA-256 of its own content (the counters included), so an edited manifest is
 *   refused. (A checksum, not a signature: whoever recomputes it can still forge one.)
 * A corrupt file, a missing one, or a manifest for another spec, parameters, model source or
 * checker is refused with a `UsageError`: never silently used.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { UsageError, errorMessage, option } from '../core/errors.ts'
import { makeDir } from '../core/make-dir.ts'
import type { CheckOptions } from '../core/options.ts'
import type { FrontierChunk } from './frontier.ts'
import type { CheckpointIdentity } from './checkpoint-identity.ts'
import { differences, identityOf } from './checkpoint-identity.ts'
import type { Prepared } from '../explore/prepare.ts'
import { appendAt, truncate } from './column-files.ts'
import { bytesOf } from '../explore/liveness/column.ts'
import type { GraphCheckpoint } from '../explore/liveness/recorder.ts'
import { readGraphFile, writeGraphFile } from '../explore/liveness/graph-file.ts'

// 2: frontier chunks of models with a state schema are in its compiled form (schema-codec.ts).
// 3: the manifest carries its own checksum.
// 4: the compiled form writes an interned value after its length (schema-codec.ts).
// 5: the liveness graph (`graph-<seq>.bin`) when liveness is checked.
// 6: frontier chunks carry their states' sleep sets (`--por`), and the counters the steps slept.
// 7: the count of states the constraint cut (`Stats.cut`).
const FORMAT = 'interleave-checkpoint/7'

export interface Columns {
  readonly hi: Int32Array
  readonly lo: Int32Array
  readonly link: Int32Array
  readonly ord: Uint16Array
}

/** A checkpoint's folder, made if missing; one that cannot be made is a usage error naming the
 * option (the thread engine's checkpoints and the worker processes'). */
export function makeCheckpointDir(dir: string): void {
  try {
    makeDir(dir)
  } catch (e) {
    throw new UsageError(`${option('checkpoint')} ${dir}: cannot create the folder: ${errorMessage(e)}`)
  }
}

/** The search at the start of a level. */
export interface SearchSnapshot {
  /** States known (columns [0, distinct)), the current frontier included. */
  readonly distinct: number
  readonly total: number
  readonly depth: number
  readonly queuePeak: number
  readonly levels: readonly { readonly distinct: number; readonly total: number }[]
  readonly coverage: readonly (readonly [string, number, number])[]
  readonly decidedAt: readonly number[]
  readonly deadlockAt: number
  /** With sleep sets (`--por`): the steps skipped so far. */
  readonly slept?: number
  /** With a constraint: the states it cut so far (`Stats.cut`). */
  readonly cut?: number
  readonly frontier: readonly FrontierChunk[]
  readonly levelIns: Int32Array
  columns(from: number, to: number): Columns
  /** With liveness: the graph recorded up to the level's start. */
  readonly graph?: () => GraphCheckpoint
}

export interface Resumed extends Omit<SearchSnapshot, 'columns' | 'frontier' | 'graph'> {
  readonly frontier: FrontierChunk[]
  readonly columns: Columns & { readonly n: number }
  /** Dropped once restored (the recorder holds its own copy). */
  graph?: GraphCheckpoint
}

export interface Checkpointer {
  /** True at the first level of a run that wrote none here yet, then when the interval since
   * the last checkpoint has passed (as the process engine's, `distributed/process-checkpoint.ts`). */
  due(): boolean
  write(s: SearchSnapshot): Promise<void>
  resume: (() => Promise<Resumed>) | undefined
  /** The last checkpoint this run wrote (its folder, states and depth), if any. */
  last(): { readonly dir: string; readonly distinct: number; readonly depth: number } | undefined
}

interface Segment {
  readonly from: number
  readonly to: number
  readonly sha256: string
}

interface Manifest {
  readonly format: string
  readonly identity: CheckpointIdentity
  readonly seq: number
  readonly writtenAt: string
  readonly segments: readonly Segment[]
  readonly frontierFile: string
  readonly frontierSha256: string
  readonly graphFile?: string
  readonly graphSha256?: string
  readonly counters: Omit<SearchSnapshot, 'columns' | 'frontier' | 'levelIns' | 'graph'>
  /** SHA-256 of the manifest's JSON without this field. */
  readonly sha256?: string
}

const manifestSha = (m: Manifest): string => {
  const { sha256: _s, ...rest } = m
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex')
}

const COLUMN_FILES = [
  ['hi.bin', 4],
  ['lo.bin', 4],
  ['link.bin', 4],
  ['ord.bin', 2],
] as const

/** `sleep`: whether the search runs with sleep sets (then the frontier's chunks carry them). */
export function checkpointer(p: Prepared, options: CheckOptions, sleep = false): Checkpointer | undefined {
  if (!options.checkpoint && !options.resume) return undefined
  const identity = identityOf(p, options, sleep)
  const dir = options.checkpoint
  let last = performance.now()
  let seq = 0
  let segments: Segment[] = []
  let written = 0
  let lastWritten: { readonly dir: string; readonly distinct: number; readonly depth: number } | undefined

  // Resuming into the folder it resumes from (`ck` and `ck/` alike): it goes on appending there.
  const inPlace = dir !== undefined && options.resume !== undefined && resolve(dir) === resolve(options.resume)
  if (dir) {
    makeCheckpointDir(dir)
    if (!inPlace) {
      // A fresh checkpoint: what the directory held before is replaced, never mixed in.
      for (const f of readdirSync(dir)) if (/^(manifest\.json|(hi|lo|link|ord)\.bin|(frontier|graph)-\d+\.bin)(\.tmp)?$/.test(f)) rmSync(join(dir, f))
    }
  }

  return {
    // The first level too: a run killed before the first interval passed left nothing to resume.
    // (A run resumed in place has its seq from the manifest: nothing new to write at once.)
    due: () => dir !== undefined && (seq === 0 || (performance.now() - last) / 1000 >= options.checkpointIntervalSeconds),
    async write(s) {
      if (!dir) return
      const cols = s.columns(written, s.distinct)
      const parts = [cols.hi, cols.lo, cols.link, cols.ord]
      const sha = createHash('sha256')
      COLUMN_FILES.forEach(([name], i) => {
        const bytes = new Uint8Array(parts[i].buffer, parts[i].byteOffset, parts[i].byteLength)
        sha.update(bytes)
        appendAt(join(dir, name), written * COLUMN_FILES[i][1], bytes)
      })
      if (s.distinct > written) segments = [...segments, { from: written, to: s.distinct, sha256: sha.digest('hex') }]
      written = s.distinct
      seq++
      const frontier = encodeFrontier(s.frontier, s.levelIns)
      const frontierFile = `frontier-${seq}.bin`
      writeFileSync(join(dir, frontierFile), frontier)
      const graphFile = s.graph ? `graph-${seq}.bin` : undefined
      const graphSha256 = s.graph ? writeGraphFile(dir, graphFile!, s.graph()) : undefined
      const { columns: _c, frontier: _f, levelIns: _l, graph: _g, ...counters } = s
      const manifest: Manifest = {
        format: FORMAT,
        identity,
        seq,
        writtenAt: new Date().toISOString(),
        segments,
        frontierFile,
        frontierSha256: createHash('sha256').update(frontier).digest('hex'),
        ...(graphFile ? { graphFile, graphSha256 } : {}),
        counters,
      }
      writeFileSync(join(dir, 'manifest.json.tmp'), JSON.stringify({ ...manifest, sha256: manifestSha(manifest) }, null, 1))
      renameSync(join(dir, 'manifest.json.tmp'), join(dir, 'manifest.json'))
      for (const f of readdirSync(dir)) if (/^(frontier|graph)-\d+\.bin$/.test(f) && f !== frontierFile && f !== graphFile) rmSync(join(dir, f))
      last = performance.now()
      lastWritten = { dir, distinct: s.distinct, depth: s.depth }
    },
    last: () => lastWritten,
    resume: options.resume
      ? async () => {
          const r = readCheckpoint(options.resume!, identity)
          if (inPlace) {
            // Go on appending to the same files: drop whatever a killed append left past the manifest.
            segments = [...r.manifest.segments]
            written = r.resumed.distinct
            seq = r.manifest.seq
            COLUMN_FILES.forEach(([name, size]) => truncate(join(dir!, name), written * size))
          }
          return r.resumed
        }
      : undefined,
  }
}


function readCheckpoint(dir: string, identity: CheckpointIdentity): { manifest: Manifest; resumed: Resumed } {
  const refuse = (why: string): never => {
    throw new UsageError(`${option('resume')} ${dir}: ${why}; refusing to resume from it`)
  }
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest
  } catch (e) {
    return refuse(existsSync(join(dir, 'manifest.json')) ? `manifest.json is corrupt (${errorMessage(e)})` : 'no checkpoint there (manifest.json is missing)')
  }
  if (typeof manifest.format === 'string' && manifest.format.startsWith('interleave-processes-checkpoint/')) refuse(`it is a checkpoint of a search on worker processes, not threads (resume it with ${option('processes')} N)`)
  if (manifest.format !== FORMAT) refuse(`format ${String(manifest.format)}, expected ${FORMAT}`)
  if (manifest.sha256 !== manifestSha(manifest)) refuse('manifest.json was edited or is corrupt (its checksum does not match)')
  const diff = differences(manifest.identity, identity)
  if (diff.length > 0) refuse(`it is a checkpoint of another search (${diff.join('; ')})`)
  const n = manifest.counters.distinct
  const cols = COLUMN_FILES.map(([name, size]) => {
    const file = join(dir, name)
    if (!existsSync(file)) refuse(`${name} is missing`)
    const buf = readFileSync(file)
    if (buf.byteLength < n * size) refuse(`${name} is truncated (${buf.byteLength} bytes, ${n * size} expected)`)
    return buf.subarray(0, n * size)
  })
  let covered = 0
  for (const seg of manifest.segments) {
    if (seg.from !== covered) refuse('its segments do not cover the visited set')
    const sha = createHash('sha256')
    COLUMN_FILES.forEach(([, size], i) => sha.update(cols[i].subarray(seg.from * size, seg.to * size)))
    if (sha.digest('hex') !== seg.sha256) refuse(`the visited set is corrupt (states ${seg.from}..${seg.to - 1} fail their checksum)`)
    covered = seg.to
  }
  if (covered !== n) refuse('its segments do not cover the visited set')
  const frontierPath = join(dir, manifest.frontierFile)
  if (!existsSync(frontierPath)) refuse(`${manifest.frontierFile} is missing`)
  const frontierBuf = readFileSync(frontierPath)
  if (createHash('sha256').update(frontierBuf).digest('hex') !== manifest.frontierSha256) refuse(`${manifest.frontierFile} is corrupt (checksum)`)
  const { frontier, levelIns } = decodeFrontier(frontierBuf)
  const graph = manifest.graphFile !== undefined ? readGraphFile(dir, manifest.graphFile, manifest.graphSha256, refuse) : undefined
  // new Uint8Array(buffer) copies into a fresh, aligned ArrayBuffer.
  const i32 = (b: Buffer): Int32Array => new Int32Array(new Uint8Array(b).buffer)
  return {
    manifest,
    resumed: {
      ...manifest.counters,
      frontier,
      levelIns,
      columns: { n, hi: i32(cols[0]), lo: i32(cols[1]), link: i32(cols[2]), ord: new Uint16Array(new Uint8Array(cols[3]).buffer) },
      ...(graph ? { graph } : {}),
    },
  }
}

/** [u32 header length][JSON header][levelIns][per chunk: winners, bytes, and with sleep sets
 * their entries and each winner's offset into them (`SleepColumns`)]. */
function encodeFrontier(chunks: readonly FrontierChunk[], levelIns: Int32Array): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      levelIns: levelIns.length,
      chunks: chunks.map((c) => ({ pos: c.pos, winners: c.winners.length, bytes: c.bytes.byteLength, ...(c.sleep && c.sleepOff ? { sleep: c.sleep.length, sleepOff: c.sleepOff.length } : {}) })),
    }),
  )
  const len = Buffer.alloc(4)
  len.writeUInt32LE(header.length)
  const parts: Uint8Array[] = [len, header, bytesOf(levelIns)]
  for (const c of chunks) {
    parts.push(bytesOf(c.winners), c.bytes)
    if (c.sleep && c.sleepOff) parts.push(bytesOf(c.sleep), bytesOf(c.sleepOff))
  }
  return Buffer.concat(parts)
}

function decodeFrontier(buf: Buffer): { frontier: FrontierChunk[]; levelIns: Int32Array } {
  const hlen = buf.readUInt32LE(0)
  const header = JSON.parse(buf.subarray(4, 4 + hlen).toString('utf8')) as {
    levelIns: number
    chunks: { pos: number; winners: number; bytes: number; sleep?: number; sleepOff?: number }[]
  }
  let at = 4 + hlen
  const take = (n: number): Uint8Array => {
    const out = new Uint8Array(n)
    out.set(buf.subarray(at, at + n))
    at += n
    return out
  }
  const levelIns = new Int32Array(take(header.levelIns * 4).buffer)
  const frontier = header.chunks.map((c) => {
    const winners = new Int32Array(take(c.winners * 4).buffer)
    const bytes = take(c.bytes)
    if (c.sleep === undefined || c.sleepOff === undefined) return { pos: c.pos, winners, bytes }
    const sleep = new Int32Array(take(c.sleep * 4).buffer)
    return { pos: c.pos, winners, bytes, sleep, sleepOff: new Int32Array(take(c.sleepOff * 4).buffer) }
  })
  return { frontier, levelIns }
}
