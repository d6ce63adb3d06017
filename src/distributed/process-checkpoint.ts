/**
 * Checkpoints of a distributed run (`--processes N --checkpoint DIR`), and resuming from them. A
 * checkpoint is the search as it stood at the start of a level, as the thread engine's
 * (`parallel/checkpoint.ts`) is, with the same guarantees: written by the coordinator alone (the
 * workers send it their partitions, `Request` 'snapshot'), so the run can go on with other worker
 * processes, on other machines; resuming redoes the level, and the search is deterministic, so a
 * resumed run ends with exactly the counts, verdicts and counterexamples of an uninterrupted one.
 *
 * Files in the directory, per partition k (the worker that owns fingerprints ≡ k mod N; `p` is the
 * manifest's `stem`, `q` after a resume with another N, below):
 * - `p<k>.hi.bin`, `p<k>.lo.bin` (fingerprint), `p<k>.po.bin`, `p<k>.pl.bin` (parent's owner and
 *   local index), `p<k>.ord.bin` (step ordinal): Int32 columns in the partition's insertion order,
 *   append-only (a closed level's states never change), each append a segment with its SHA-256;
 * - `p<k>.frontier-<seq>.bin`: the partition's part of the level (a `wire.ts` frame: states in
 *   the run's codec, their global ranks, their local indices), with its SHA-256;
 * - `<stem>.graph-<seq>.bin`: when liveness is checked, the liveness graph the coordinator recorded up
 *   to the level (`explore/liveness/graph-file.ts`; node ids are global BFS ranks, so any number
 *   of processes resumes it), with its SHA-256;
 * - `manifest.json`: the coordinator's counters and the above, written last and atomically
 *   (rename), with a SHA-256 of its own content, so a run killed at any point leaves the previous
 *   checkpoint whole, and an edited manifest is refused.
 * A checkpoint is refused (a `UsageError`, one line) when it is missing, corrupt, or of another
 * search (`parallel/checkpoint-identity.ts`: spec, parameters, properties, model source,
 * fingerprint function). One of another number of processes is read as it is, and the run
 * re-partitions it (`repartition.ts`); a run that resumed it into the same directory writes its
 * checkpoints under the other stem (`p` ⇄ `q`), from 0, so the checkpoint it resumed stays whole
 * until the first new manifest replaces it (then the old stem's files go).
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { UsageError, errorMessage, option } from '../core/errors.ts'
import type { CheckpointIdentity } from '../parallel/checkpoint-identity.ts'
import { differences } from '../parallel/checkpoint-identity.ts'
import { bytesOf, frame, i32, unframe } from './wire.ts'
import { appendAt, truncate } from '../parallel/column-files.ts'
import { readGraphFile, writeGraphFile } from '../explore/liveness/graph-file.ts'
import type { GraphCheckpoint } from '../explore/liveness/recorder.ts'
import { makeCheckpointDir } from '../parallel/checkpoint.ts'

// 2: the compiled form writes an interned value after its length (parallel/schema-codec.ts).
// 3: the liveness graph (`<stem>.graph-<seq>.bin`) when liveness is checked.
// 4: with sleep sets (`--por`), each frontier's sets, and the steps slept so far.
// 5: the count of states the constraint cut (`Stats.cut`).
const FORMAT = 'interleave-processes-checkpoint/5'

/** The coordinator's side of the search at the start of a level. */
export interface LevelStart {
  readonly level: number
  readonly distinct: number
  readonly total: number
  readonly depth: number
  readonly width: number
  readonly queuePeak: number
  readonly levels: readonly { readonly distinct: number; readonly total: number }[]
  /** Coverage in its map's order: [action, fired, discovered]. */
  readonly coverage: readonly (readonly [string, number, number])[]
  /** State references (`merge-level.ts` `refOf`: they depend on N; `repartition.ts` remaps them). */
  readonly decidedAt: readonly number[]
  readonly deadlockAt: number
  /** With sleep sets (`--por`): the steps skipped so far. */
  readonly slept?: number
  /** With a constraint: the states it cut so far. */
  readonly cut?: number
}

/** One partition: its states [from, levelStart) as columns, and its part of the level. */
export interface PartSnapshot {
  readonly levelStart: number
  readonly hi: Int32Array
  readonly lo: Int32Array
  readonly po: Int32Array
  readonly pl: Int32Array
  readonly ord: Int32Array
  /** Frontier states in the run's codec, their ranks and local indices. */
  readonly states: Uint8Array
  readonly ranks: Int32Array
  readonly locals: Int32Array
  /** With sleep sets (`--por`): frontier state f's set is `sleep[sleepOff[f], sleepOff[f + 1])`. */
  readonly sleepOff?: Int32Array
  readonly sleep?: Int32Array
}

export interface Resumable {
  readonly start: LevelStart
  /** Whole partitions (from 0). */
  readonly parts: readonly PartSnapshot[]
  /** With liveness: the graph recorded up to the level (dropped here once restored: the
   * recorder holds its own copy). */
  graph?: GraphCheckpoint
}

interface Segment {
  readonly from: number
  readonly to: number
  readonly sha256: string
}

interface PartEntry {
  readonly states: number
  readonly segments: readonly Segment[]
  readonly frontierFile: string
  readonly frontierSha256: string
}

interface Manifest {
  readonly format: string
  readonly identity: CheckpointIdentity
  readonly processes: number
  readonly seq: number
  readonly writtenAt: string
  readonly start: LevelStart
  readonly parts: readonly PartEntry[]
  /** The column and frontier files' prefix: `p` (absent in checkpoints written before it) or `q`. */
  readonly stem?: Stem
  readonly graphFile?: string
  readonly graphSha256?: string
  readonly sha256?: string
}

type Stem = 'p' | 'q'

const COLUMNS = ['hi', 'lo', 'po', 'pl', 'ord'] as const
const MANIFEST = 'manifest.json'
const OURS = /^(manifest\.json(\.tmp)?|[pq]\d+\.(hi|lo|po|pl|ord)\.bin|[pq]\d+\.frontier-\d+\.bin|[pq]\.graph-\d+\.bin)$/

const manifestSha = (m: Manifest): string => {
  const { sha256: _s, ...rest } = m
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex')
}

export class ProcessCheckpointer {
  private last = performance.now()
  private seq = 0
  private parts: PartEntry[]
  private readonly stem: Stem
  /** The level and states of the last checkpoint written or resumed from here (for messages). */
  lastWritten: { readonly level: number; readonly distinct: number } | undefined

  constructor(
    readonly dir: string,
    private readonly identity: CheckpointIdentity,
    private readonly n: number,
    private readonly intervalSeconds: number,
    /** The checkpoint this run resumed from, when it is in `dir`: appended to, not replaced. */
    resumedHere: Manifest | undefined,
  ) {
    makeCheckpointDir(dir)
    const empty = (): PartEntry[] => Array.from({ length: n }, () => ({ states: 0, segments: [], frontierFile: '', frontierSha256: '' }))
    if (resumedHere && resumedHere.processes === n) {
      this.stem = resumedHere.stem ?? 'p'
      this.seq = resumedHere.seq
      this.parts = [...resumedHere.parts]
      this.lastWritten = { level: resumedHere.start.level, distinct: resumedHere.start.distinct }
      // Drop whatever a killed append left past the manifest.
      this.parts.forEach((p, k) => COLUMNS.forEach((c) => truncate(join(dir, `${this.stem}${k}.${c}.bin`), 4 * p.states)))
    } else if (resumedHere) {
      // Resumed over another N: the partitions are not the files' any more. The next checkpoint is
      // written whole under the other stem; until its manifest replaces the old one, the old
      // checkpoint (still resumable, with any N) is left as it is. Files of the other stem are
      // stale (a generation before, or a write killed before its manifest).
      this.stem = resumedHere.stem === 'q' ? 'p' : 'q'
      this.seq = resumedHere.seq
      this.parts = empty()
      this.lastWritten = { level: resumedHere.start.level, distinct: resumedHere.start.distinct }
      for (const f of readdirSync(dir)) if (OURS.test(f) && f.startsWith(this.stem)) rmSync(join(dir, f))
    } else {
      // A fresh checkpoint: what the directory held before (ours or the thread engine's) is
      // replaced, never mixed in.
      this.stem = 'p'
      for (const f of readdirSync(dir)) if (OURS.test(f) || /^((hi|lo|link|ord)\.bin|(frontier|graph)-\d+\.bin)$/.test(f)) rmSync(join(dir, f))
      this.parts = empty()
    }
  }

  /** States of partition k already in the files: the `from` of its next snapshot. */
  written(k: number): number {
    return this.parts[k].states
  }

  /** The first level of a run that wrote none here yet, and then every interval. */
  due(): boolean {
    return this.seq === 0 || (performance.now() - this.last) / 1000 >= this.intervalSeconds
  }

  write(start: LevelStart, snaps: readonly PartSnapshot[], graph?: GraphCheckpoint): void {
    const seq = this.seq + 1
    const parts = snaps.map((s, k): PartEntry => {
      const p = this.parts[k]
      const from = p.states
      const sha = createHash('sha256')
      const cols = [s.hi, s.lo, s.po, s.pl, s.ord]
      COLUMNS.forEach((c, i) => {
        const bytes = new Uint8Array(cols[i].buffer, cols[i].byteOffset, cols[i].byteLength)
        sha.update(bytes)
        appendAt(join(this.dir, `${this.stem}${k}.${c}.bin`), 4 * from, bytes)
      })
      const segments = s.levelStart > from ? [...p.segments, { from, to: s.levelStart, sha256: sha.digest('hex') }] : p.segments
      const frontier = frame({ n: s.ranks.length }, [s.states, bytesOf(s.ranks), bytesOf(s.locals), ...(s.sleepOff && s.sleep ? [bytesOf(s.sleepOff), bytesOf(s.sleep)] : [])])
      const frontierFile = `${this.stem}${k}.frontier-${seq}.bin`
      writeFileSync(join(this.dir, frontierFile), frontier)
      return { states: s.levelStart, segments, frontierFile, frontierSha256: createHash('sha256').update(frontier).digest('hex') }
    })
    const graphFile = graph ? `${this.stem}.graph-${seq}.bin` : undefined
    const graphSha256 = graph ? writeGraphFile(this.dir, graphFile!, graph) : undefined
    const manifest: Manifest = {
      format: FORMAT,
      identity: this.identity,
      processes: this.n,
      seq,
      writtenAt: new Date().toISOString(),
      start,
      parts,
      stem: this.stem,
      ...(graphFile ? { graphFile, graphSha256 } : {}),
    }
    writeFileSync(join(this.dir, `${MANIFEST}.tmp`), JSON.stringify({ ...manifest, sha256: manifestSha(manifest) }, null, 1))
    renameSync(join(this.dir, `${MANIFEST}.tmp`), join(this.dir, MANIFEST))
    // What the new manifest does not name goes: older frontiers, and the previous stem's files
    // (a checkpoint of another N this run resumed from).
    const keep = new Set([MANIFEST, ...(graphFile ? [graphFile] : []), ...parts.map((p) => p.frontierFile), ...parts.flatMap((_, k) => COLUMNS.map((c) => `${this.stem}${k}.${c}.bin`))])
    for (const f of readdirSync(this.dir)) if (OURS.test(f) && !keep.has(f)) rmSync(join(this.dir, f))
    this.seq = seq
    this.parts = parts
    this.last = performance.now()
    this.lastWritten = { level: start.level, distinct: start.distinct }
  }
}

/** Reads and checks the checkpoint in `dir`; refuses (one line) what cannot be resumed. Its
 * partitions are the manifest's N (`processes`), whatever N the run has. */
export function readProcessCheckpoint(dir: string, identity: CheckpointIdentity): Resumable & { readonly manifest: Manifest } {
  const refuse = (why: string): never => {
    throw new UsageError(`${option('resume')} ${dir}: ${why}; refusing to resume from it`)
  }
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest
  } catch (e) {
    return refuse(existsSync(join(dir, MANIFEST)) ? `${MANIFEST} is corrupt (${errorMessage(e)})` : `no checkpoint there (${MANIFEST} is missing)`)
  }
  if (typeof manifest.format === 'string' && manifest.format.startsWith('interleave-checkpoint/')) refuse(`it is a checkpoint of a search on threads, not processes (resume it without ${option('processes')})`)
  if (manifest.format !== FORMAT) refuse(`format ${String(manifest.format)}, expected ${FORMAT}`)
  if (manifest.sha256 !== manifestSha(manifest)) refuse(`${MANIFEST} was edited or is corrupt (its checksum does not match)`)
  const diff = differences(manifest.identity, identity)
  if (diff.length > 0) refuse(`it is a checkpoint of another search (${diff.join('; ')})`)
  if (!Array.isArray(manifest.parts) || manifest.parts.length !== manifest.processes) refuse(`${MANIFEST} lists ${String(manifest.parts?.length)} partitions for ${manifest.processes} processes`)
  const stem = manifest.stem ?? 'p'
  const parts = manifest.parts.map((p, k): PartSnapshot => {
    const cols = COLUMNS.map((c) => {
      const name = `${stem}${k}.${c}.bin`
      const file = join(dir, name)
      if (!existsSync(file)) refuse(`${name} is missing`)
      const buf = readFileSync(file)
      if (buf.byteLength < 4 * p.states) refuse(`${name} is truncated (${buf.byteLength} bytes, ${4 * p.states} expected)`)
      return new Int32Array(new Uint8Array(buf.subarray(0, 4 * p.states)).buffer)
    })
    let covered = 0
    for (const seg of p.segments) {
      const sha = createHash('sha256')
      for (const col of cols) sha.update(bytesOf(col.subarray(seg.from, seg.to)))
      if (seg.from !== covered || sha.digest('hex') !== seg.sha256) refuse(`partition ${k} is corrupt (states ${seg.from}..${seg.to - 1} fail their checksum)`)
      covered = seg.to
    }
    if (covered !== p.states) refuse(`partition ${k}'s segments do not cover its states`)
    const path = join(dir, p.frontierFile)
    if (!existsSync(path)) refuse(`${p.frontierFile} is missing`)
    const buf = readFileSync(path)
    if (createHash('sha256').update(buf).digest('hex') !== p.frontierSha256) refuse(`${p.frontierFile} is corrupt (checksum)`)
    const f = unframe<{ n: number }>(buf)
    const [hi, lo, po, pl, ord] = cols
    const sleep = f.tails.length >= 5 ? { sleepOff: i32(f.tails[3]), sleep: i32(f.tails[4]) } : {}
    return { levelStart: p.states, hi, lo, po, pl, ord, states: f.tails[0], ranks: i32(f.tails[1]), locals: i32(f.tails[2]), ...sleep }
  })
  const graph = manifest.graphFile !== undefined ? readGraphFile(dir, manifest.graphFile, manifest.graphSha256, refuse) : undefined
  return { manifest, start: manifest.start, parts, ...(graph ? { graph } : {}) }
}

export type { Manifest as ProcessManifest }

