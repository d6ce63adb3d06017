/**
 * Parallel, level-synchronous BFS across worker threads, equal to the sequential BFS (the oracle)
 * in distinct and generated counts, depth, verdicts and counterexamples, on every run.
 *
 * Per level: the frontier (encoded chunks, `codec.ts`) is cut into slices in BFS order; workers expand them,
 * insert successors into the shared visited set (lowering each new state's parent position to the
 * smallest that reaches it) and return candidates plus the first candidate deciding each property.
 * Closing the level (`close-level.ts`) keeps the earliest parent's candidate per state, which puts
 * the next frontier in exactly the sequential BFS's order, and replays the verdict events in that
 * order. Growth of the visited set drains the pool and rehashes between slices.
 */
import { randomUUID } from 'node:crypto'
import type { Action } from '../core/action.ts'
import { ModelError, UsageError } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult } from '../core/result.ts'
import type { Levels } from '../explore/bfs.ts'
import type { Prepared } from '../explore/prepare.ts'
import { SafetyTracker } from '../explore/safety-tracker.ts'
import { SearchSink } from '../explore/search-sink.ts'
import { closeLevel } from './close-level.ts'
import { codecFor } from './codec.ts'
import type { StateCodec } from './state-codec.ts'
import type { FrontierChunk } from './frontier.ts'
import { frontierBytes, frontierWidth } from './frontier.ts'
import type { Pool } from './pool.ts'
import { acquirePool, releasePool } from './pool.ts'
import type { WorkerSetup } from './protocol.ts'
import { specOptionsOf } from './spec-options.ts'
import { CHUNK_SIZE, minCapacity, runLevel, slice } from './run-level.ts'
import { SharedVisited } from './shared-visited.ts'
import { workerBundle } from './worker-bundle.ts'
import { namingStore, narrowLevels } from './narrow-levels.ts'
import type { NarrowState } from './narrow-levels.ts'
import { checkpointer } from './checkpoint.ts'
import { ParallelRecorder } from './record-graph.ts'
import type { GraphRecorder } from '../explore/liveness/recorder.ts'
import { packedRuntimeOf } from '../packed/packed-bfs.ts'
import type { SearchSnapshot } from './checkpoint.ts'

export interface ParallelConfig {
  readonly pool: 'threads' | 'piscina'
  /** Fewest states per task (tests use 1 to interleave workers on tiny state spaces). */
  readonly minSlice?: number
  /** Candidates per frontier chunk. */
  readonly chunkSize?: number
  /** Smallest table (slots); tests lower it to fill a small --memory budget quickly. */
  readonly minCapacity?: number
  /** Room kept per worker for one state's successors (default 65,536, the most a state may have). */
  readonly successorMargin?: number
  /** Levels narrower than this are expanded on the coordinating thread (default: two slices of
   * `minSlice`): below it a thread round trip costs more than the work. 0 sends every level out. */
  readonly inlineBelow?: number
  /** Workers run a bundle of their code and the spec (default), or load the TypeScript sources
   * through tsx (false; also whenever no bundle can be built). */
  readonly bundle?: boolean
}

/** Bytes a state takes in the columns (fingerprint 8, link 4, ordinal 2) and per table slot. */
const COLUMN_BYTES = 14
const SLOT_BYTES = 4

/**
 * `graph`: liveness is checked; the search records its graph as it goes (`record-graph.ts`), the
 * graph the sequential BFS records. Not with a packed model (its workers expand words: `check`
 * records it in a second search then) nor when resuming (the levels searched before the
 * checkpoint left no edges).
 */
export async function parallelBfs(p: Prepared, options: CheckOptions, config: ParallelConfig = { pool: 'threads' }, graph?: GraphRecorder): Promise<CheckResult> {
  if (!options.specUrl) {
    throw new UsageError('parallel exploration needs the spec module URL (options.specUrl) so that worker threads can import it')
  }
  if (graph && (packedRuntimeOf(p) || options.resume !== undefined)) throw new UsageError('the parallel BFS records the liveness graph neither for a packed model nor when resuming')
  const codec = codecFor(p)
  const workers = Math.max(1, options.workers)
  const { visited, fixed } = createVisited(options, config.minCapacity ?? minCapacity(workers))
  const rec = graph ? new ParallelRecorder(graph, visited) : undefined
  // The initial states and narrow levels go through this sink; wide levels add to its counts.
  const store = namingStore(p)
  const sink = new SearchSink<unknown, Action>(p, options, store, visited, new SafetyTracker(p), rec)
  const { tracker, coverage, limits } = sink
  const specUrl = options.specUrl
  // Workers and their bundle are made when a first level is wide enough to need them.
  let setup: WorkerSetup | undefined
  const setupBase = {
    runId: randomUUID(),
    specUrl,
    ...specOptionsOf(p, options),
    ...(rec ? { edges: true } : {}),
  }
  const ckpt = checkpointer(p, options)
  const inlineBelow = config.inlineBelow ?? 2 * (config.minSlice ?? 64)
  let frontierPeakBytes = 0
  let frontier: FrontierChunk[]
  let levelIns: Int32Array
  let distinct = 0
  // Depth, queue peak, per-level counts, stop: the level driver's, handed to `searchLevels` for
  // narrow levels and kept here for wide ones.
  let at: Levels

  const resumed = ckpt?.resume ? await ckpt.resume() : undefined
  if (resumed) {
    visited.restore(resumed.columns)
    tracker.restore(resumed.decidedAt, resumed.deadlockAt)
    for (const [name, fired, discovered] of resumed.coverage) coverage.set(name, { fired, discovered })
    sink.total = resumed.total
    at = { stopReason: undefined, decidedEarly: false, depth: resumed.depth, queuePeak: resumed.queuePeak, levels: resumed.levels.map((l) => ({ ...l })) }
    frontier = resumed.frontier
    levelIns = resumed.levelIns
    distinct = resumed.distinct
  } else {
    const init = initialLevel(p, sink, codec)
    frontier = init.frontier
    levelIns = init.ins
    distinct = visited.size
    at = { stopReason: undefined, decidedEarly: tracker.allDecided(), depth: levelIns.length > 0 ? 1 : 0, queuePeak: 0, levels: [{ distinct, total: sink.total }] }
  }

  let pool: Pool | undefined
  let clean = false
  try {
    while (frontierWidth(frontier) > 0 && !at.decidedEarly && !at.stopReason) {
      if (at.depth >= options.maxDepth) {
        at.stopReason = 'max-depth'
        break
      }
      const width = frontierWidth(frontier)
      const levelStart = visited.size
      // The search as it stands at the level's start: a checkpoint, now or if interrupted in the
      // level. Built only when written (the per-level list is as long as the search is deep).
      const start = { total: sink.total, depth: at.depth, queuePeak: at.queuePeak, levels: at.levels.length, frontier, levelIns }
      const coverageAt = ckpt ? [...coverage].map(([n, c]) => [n, c.fired, c.discovered] as const) : []
      const decidedAt = [...tracker.decidedAt]
      const deadlockAt = tracker.deadlockAt
      const snapshot = (): SearchSnapshot => ({
        distinct: levelStart,
        ...start,
        levels: at.levels.slice(0, start.levels),
        coverage: coverageAt,
        decidedAt,
        deadlockAt,
        columns: (from, to) => visited.columns(from, to),
      })
      if (ckpt?.due()) await ckpt.write(snapshot())
      if (width < inlineBelow) {
        // Narrow levels: on this thread, as the sequential BFS does, until one is wide.
        const n: NarrowState = { states: statesOf(frontier, codec), ins: levelIns }
        const margin = config.successorMargin ?? 65536
        await narrowLevels({ p, sink, visited, options, fixed, margin, inlineBelow, keepStart: ckpt !== undefined, yieldNow: () => ckpt?.due() ?? false }, store, n, at)
        frontier = toChunks(codec, n.states)
        levelIns = n.ins
        distinct = visited.size
        // A stop: checkpoint the start of the level it cut (or of the next, if none was cut).
        if (at.stopReason && ckpt && n.start) {
          const st = n.start
          await ckpt.write({
            ...st,
            levels: at.levels.slice(0, st.levels),
            frontier: toChunks(codec, st.states),
            levelIns: Int32Array.from(st.ins),
            columns: (from, to) => visited.columns(from, to),
          })
        }
        continue
      }
      if (!pool || !setup) {
        const bundleUrl = config.bundle === false ? undefined : await workerBundle(specUrl)
        setup = { ...setupBase, ...(bundleUrl ? { bundleUrl } : {}) }
        pool = acquirePool(config.pool, workers)
      }
      const open = p.safety.map((_, i) => i).filter((i) => tracker.decidedAt[i] === -1)
      const deadlockOpen = p.deadlock && tracker.deadlockAt === -1
      const size = Math.max(config.minSlice ?? 64, Math.min(1024, Math.ceil(width / (4 * workers))))
      const tasks = slice(frontier, size, { kind: 'expand', setup, visited: visited.handles(), levelStart, open, chunkSize: config.chunkSize ?? CHUNK_SIZE })
      const run = await runLevel(
        {
          pool,
          visited,
          setup,
          options,
          limits,
          open,
          deadlockOpen,
          decidable: p.liveness.length === 0 && (open.length > 0 || deadlockOpen),
          fixed,
          codec,
          ...(config.successorMargin ? { successorMargin: config.successorMargin } : {}),
          progress: () => ({ distinct: visited.size, total: sink.total, queue: width, depth: at.depth }),
        },
        tasks,
      )
      rec?.level(run.slices, levelIns)
      const closed = closeLevel({ p, visited, tracker, codec, coverage, levelIns, width, levelStart, maxStates: options.maxStates }, run)
      if (rec && !closed.stop) rec.closed(closed.nextIns, levelStart)
      sink.total += closed.generated
      at.levels.push({ distinct: closed.nextIns.length, total: closed.generated })
      at.decidedEarly = closed.decidedEarly
      // A stop asked for while the level's last tasks ran (a narrow level is one task): the level
      // is whole, so the search stops after it, incomplete.
      at.stopReason = closed.stop ?? (at.decidedEarly ? undefined : run.halted)
      // Every stop leaves a checkpoint to resume from: the start of the level it cut.
      if (at.stopReason && ckpt) await ckpt.write(snapshot())
      frontierPeakBytes = Math.max(frontierPeakBytes, frontierBytes(frontier) + frontierBytes(closed.next))
      frontier = closed.next
      levelIns = closed.nextIns
      distinct = levelStart + levelIns.length
      at.queuePeak = Math.max(at.queuePeak, levelIns.length)
      if (levelIns.length > 0 && !at.decidedEarly) at.depth++
    }
    clean = at.stopReason !== 'interrupted'
  } finally {
    if (pool) await releasePool(pool, clean)
  }

  const visitedBytes = distinct * COLUMN_BYTES + visited.capacity * SLOT_BYTES
  const result = sink.result({ ...at, strategy: 'bfs', distinct, visitedBytes, workers })
  return { ...result, stats: { ...result.stats, frontierBytes: frontierPeakBytes } }
}

function createVisited(options: CheckOptions, min: number): { visited: SharedVisited; fixed: boolean } {
  if (options.memoryMiB === undefined) return { visited: SharedVisited.create(min, 1 << 20, false), fixed: false }
  const budget = options.memoryMiB * 2 ** 20
  let cap = min
  while ((cap * 2) * (SLOT_BYTES + 0.9 * COLUMN_BYTES) <= budget) cap *= 2
  if (cap * (SLOT_BYTES + 0.9 * COLUMN_BYTES) > budget) {
    throw new UsageError(`--memory ${options.memoryMiB}: too small; the visited set needs at least ${Math.ceil((min * (SLOT_BYTES + 0.9 * COLUMN_BYTES)) / 2 ** 20)} MiB with ${options.workers} workers`)
  }
  return { visited: SharedVisited.create(cap, Math.floor(0.9 * cap), true), fixed: true }
}

/** Level 1: the initial states, through the sink in `init` order, as the sequential BFS does. */
function initialLevel(p: Prepared, sink: SearchSink<unknown, Action>, codec: StateCodec): { frontier: FrontierChunk[]; ins: Int32Array } {
  const inits = p.initStates()
  if (inits.length > 0xffff) throw new ModelError(`model ${p.model.name}: ${inits.length} initial states (at most 65,535)`)
  requirePlainData(p, inits[0])
  const kept: unknown[] = []
  const ins: number[] = []
  for (let i = 0; i < inits.length; i++) {
    const idx = sink.init(inits[i], i)
    if (idx < 0) continue
    kept.push(inits[i])
    ins.push(idx)
  }
  return { frontier: toChunks(codec, kept), ins: Int32Array.from(ins) }
}

/** States in frontier order as encoded chunks, every state a winner. */
function toChunks(codec: StateCodec, states: readonly unknown[]): FrontierChunk[] {
  const frontier: FrontierChunk[] = []
  for (let i = 0; i < states.length; i += CHUNK_SIZE) {
    const part = states.slice(i, i + CHUNK_SIZE)
    frontier.push({ bytes: codec.encode(part), winners: Int32Array.from(part.keys()), pos: i })
  }
  return frontier
}

/** The frontier's states, decoded, in frontier order. */
function statesOf(frontier: readonly FrontierChunk[], codec: StateCodec): unknown[] {
  const out: unknown[] = []
  for (const c of frontier) {
    const all = c.bytes.byteLength > 0 ? codec.decode(c.bytes) : []
    for (let k = 0; k < c.winners.length; k++) out.push(all[c.winners[k]])
  }
  return out
}

/** States cross threads encoded (`codec.ts`): only plain data survives the trip (no Immutable.js, no classes). */
function requirePlainData(p: Prepared, s: unknown): void {
  const bad = findNonPlain(s, 'state')
  if (bad) {
    throw new UsageError(
      `model ${p.model.name}: ${bad} is not plain data; parallel exploration ships states between threads as plain data. Use --workers 1, or plain objects and arrays (setOf/assoc from the library)`,
    )
  }
}

function findNonPlain(v: unknown, path: string): string | undefined {
  if (v === null || typeof v !== 'object') return undefined
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const b = findNonPlain(v[i], `${path}[${i}]`)
      if (b) return b
    }
    return undefined
  }
  const proto = Object.getPrototypeOf(v)
  if (proto !== Object.prototype && proto !== null) return path
  for (const [k, x] of Object.entries(v)) {
    const b = findNonPlain(x, `${path}.${k}`)
    if (b) return b
  }
  return undefined
}
