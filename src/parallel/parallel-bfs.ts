/**
 * Parallel, level-synchronous BFS across worker threads, equal to the sequential BFS (the oracle)
 * in distinct and generated counts, depth, verdicts and counterexamples, on every run. The
 * sequential BFS's driver (`searchLevels`) and sink run it; its frontier (`parallel-frontier.ts`)
 * sends wide levels to the workers and expands narrow ones on this thread. Here: the shared
 * visited set, the initial states, resuming from a checkpoint, the result.
 */
import { randomUUID } from 'node:crypto'
import type { Action } from '../core/action.ts'
import { ModelError, UsageError, option } from '../core/errors.ts'
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult } from '../core/result.ts'
import { searchLevels } from '../explore/bfs.ts'
import type { Levels } from '../explore/bfs.ts'
import type { GraphRecorder } from '../explore/liveness/recorder.ts'
import type { Prepared } from '../explore/prepare.ts'
import { SafetyTracker } from '../explore/safety-tracker.ts'
import { SearchSink, plainStore } from '../explore/search-sink.ts'
import { sleepSetsOff } from '../explore/sleep-sets.ts'
import { guardedInitStates } from '../explore/step-watchdog.ts'
import { packedRuntimeOf } from '../packed/packed-bfs.ts'
import { checkpointer } from './checkpoint.ts'
import { codecFor } from './codec.ts'
import type { FrontierChunk } from './frontier.ts'
import { ParallelFrontier } from './parallel-frontier.ts'
import type { ParallelConfig } from './parallel-frontier.ts'
import { ParallelRecorder } from './record-graph.ts'
import { minCapacity } from './run-level.ts'
import { SharedVisited } from './shared-visited.ts'
import { specOptionsOf } from './spec-options.ts'

export type { ParallelConfig } from './parallel-frontier.ts'

/** Bytes a state takes in the columns (fingerprint 8, link 4, ordinal 2) and per table slot. */
const COLUMN_BYTES = 14
const SLOT_BYTES = 4

/**
 * `graph`: liveness is checked; the search records its graph as it goes (`record-graph.ts`), the
 * graph the sequential BFS records, for plain states and for a packed model's words (its workers'
 * edge logs read the words' plain states and action labels). A checkpoint holds the graph recorded
 * up to its level, and a resumed search goes on recording from there.
 */
export async function parallelBfs(p: Prepared, options: CheckOptions, config: ParallelConfig = { pool: 'threads' }, graph?: GraphRecorder): Promise<CheckResult> {
  if (!options.specUrl) {
    throw new UsageError('parallel exploration needs the spec module URL (options.specUrl) so that worker threads can import it')
  }
  const codec = codecFor(p)
  const workers = Math.max(1, options.workers)
  const { visited, fixed } = createVisited(options, config.minCapacity ?? minCapacity(workers))
  const rec = graph ? new ParallelRecorder(graph, visited) : undefined
  // The initial states and narrow levels go through this sink; wide levels add to its counts.
  const store = plainStore(p)
  const sink = new SearchSink<unknown, Action>(p, options, store, visited, new SafetyTracker(p), rec)
  const { tracker, coverage } = sink
  // Partial-order reduction (sleep sets, `explore/keyed-sleep.ts`) where nothing rules it out.
  const sleep = options.por && sleepSetsOff(p, options, packedRuntimeOf(p) ? 'packed-bfs' : 'parallel-bfs') === undefined
  const ckpt = checkpointer(p, options, sleep)
  // The driver's counters, and the level to expand first (decoded, or as the checkpoint's chunks).
  let at: Levels
  let first: { readonly states: unknown[] } | { readonly chunks: FrontierChunk[] }
  let ins: Int32Array
  const resumed = ckpt?.resume ? await ckpt.resume() : undefined
  if (resumed) {
    visited.restore(resumed.columns)
    if (rec) {
      if (!resumed.graph) throw new UsageError(`${option('resume')} ${options.resume}: the checkpoint holds no liveness graph; refusing to resume from it`)
      rec.restore(resumed.graph)
      resumed.graph = undefined
    }
    tracker.restore(resumed.decidedAt, resumed.deadlockAt)
    for (const [name, fired, discovered] of resumed.coverage) coverage.set(name, { fired, discovered })
    sink.total = resumed.total
    sink.cut = resumed.cut ?? 0
    at = { stopReason: undefined, decidedEarly: false, depth: resumed.depth, queuePeak: resumed.queuePeak, levels: resumed.levels.map((l) => ({ ...l })) }
    first = { chunks: resumed.frontier }
    ins = resumed.levelIns
  } else {
    const init = guardedInitStates(options.stepTimeoutSeconds, sink.modelName, () => initialLevel(p, sink))
    first = { states: init.states }
    ins = init.ins
    at = { stopReason: undefined, decidedEarly: tracker.allDecided(), depth: ins.length > 0 ? 1 : 0, queuePeak: 0, levels: [{ distinct: visited.size, total: sink.total }] }
  }
  // Workers and their bundle are made when a first level is wide enough to need them.
  const setupBase = { runId: randomUUID(), specUrl: options.specUrl, ...specOptionsOf(p, options), ...(rec ? { edges: true } : {}), ...(sleep ? { sleep: true } : {}) }
  const fr = new ParallelFrontier({ p, options, config, sink, store, visited, fixed, codec, workers, setupBase, ckpt, rec, at }, first, ins, resumed?.slept)
  let clean = false
  try {
    await searchLevels(sink, options, fr, 63, at)
    // Every stop leaves a checkpoint to resume from: the start of the level it cut.
    if (at.stopReason) await fr.checkpoint()
    clean = at.stopReason !== 'interrupted'
  } finally {
    await fr.release(clean)
  }
  // The states kept, level by level (a level cut by a stop leaves more in the visited set).
  const distinct = at.levels.reduce((n, l) => n + l.distinct, 0)
  const visitedBytes = distinct * COLUMN_BYTES + visited.capacity * SLOT_BYTES
  const slept = fr.slept
  // The budget spent with the liveness graph counted (`SearchSink.spent`), not the table full.
  const graphSpent = rec !== undefined && sink.spent() !== undefined
  const result = sink.result({ ...at, strategy: 'bfs', distinct, visitedBytes, workers, ...(slept !== undefined ? { slept } : {}) })
  const written = ckpt?.last()
  const from = resumed && options.resume !== undefined ? { dir: options.resume, distinct: resumed.distinct, total: resumed.total } : undefined
  // A limit the checkpoint had already passed stops the resumed search at once: said, not left to
  // be read off the counts (it looked like a search that went on and stopped).
  const past = from && options.maxStates <= from.distinct ? [`the checkpoint already holds ${from.distinct.toLocaleString('en-US')} states, at least ${option('maxStates')} ${options.maxStates.toLocaleString('en-US')}: the resumed search stopped at once`] : []
  // The fixed table is a power of two slots: a budget short of the next one gives this one again
  // (--memory 64 stopped where 34 had; a helper's tour). Not when the liveness graph spent the
  // budget: any more gives it room.
  if (fixed && result.stopReason === 'memory-limit' && !graphSpent) {
    past.push(`the parallel engine's visited set is a table of ${visited.capacity.toLocaleString('en-US')} slots, a power of two: the next size (twice the states) needs ${option('memoryMiB')} ${Math.ceil((2 * visited.capacity * (SLOT_BYTES + 0.9 * COLUMN_BYTES)) / 2 ** 20)} or more`)
  }
  return { ...result, warnings: [...result.warnings, ...past], stats: { ...result.stats, frontierBytes: fr.frontierPeakBytes, ...(written ? { checkpoint: written } : {}), ...(from ? { resumedFrom: from } : {}) } }
}

function createVisited(options: CheckOptions, min: number): { visited: SharedVisited; fixed: boolean } {
  if (options.memoryMiB === undefined) return { visited: SharedVisited.create(min, 1 << 20, false), fixed: false }
  const budget = options.memoryMiB * 2 ** 20
  let cap = min
  while ((cap * 2) * (SLOT_BYTES + 0.9 * COLUMN_BYTES) <= budget) cap *= 2
  if (cap * (SLOT_BYTES + 0.9 * COLUMN_BYTES) > budget) {
    throw new UsageError(`${option('memoryMiB')} ${options.memoryMiB}: too small; the visited set needs at least ${Math.ceil((min * (SLOT_BYTES + 0.9 * COLUMN_BYTES)) / 2 ** 20)} MiB with ${options.workers} worker${options.workers === 1 ? '' : 's'}`)
  }
  return { visited: SharedVisited.create(cap, Math.floor(0.9 * cap), true), fixed: true }
}

/** Level 1: the initial states, through the sink in `init` order, as the sequential BFS does. */
function initialLevel(p: Prepared, sink: SearchSink<unknown, Action>): { states: unknown[]; ins: Int32Array } {
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
  return { states: kept, ins: Int32Array.from(ins) }
}

/** States cross threads encoded (`codec.ts`): only plain data survives the trip (no Immutable.js, no classes). */
function requirePlainData(p: Prepared, s: unknown): void {
  const bad = findNonPlain(s, 'state')
  if (bad) {
    throw new UsageError(
      `model ${p.model.name}: ${bad} is not plain data; parallel exploration ships states between threads as plain data. Use ${option('workers')} 1, or plain objects and arrays (setOf/assoc from the library)`,
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
