/**
 * `check(spec, options)`: the core entry point, and the composition root: the one module that
 * knows every engine (the explorers in `explore/`, the packed BFS, the parallel BFS) and picks
 * one. Returns data (a `CheckResult`); printing and writing files is the CLI's and the
 * reporters' business.
 */
import type { CheckOptions } from './core/options.ts'
import { resolveOptions } from './core/options.ts'
import type { CheckResult } from './core/result.ts'
import type { AnySpec } from './core/spec.ts'
import { resultWithEvents } from './core/result-events.ts'
import { claimCheckpointFolder, refuseWhileWritten } from './core/checkpoint-folder.ts'
import { UsageError, nameOptions, option } from './core/errors.ts'
import { bfs } from './explore/bfs.ts'
import { withLiveness } from './explore/liveness/with-liveness.ts'
import { livenessRecorder } from './explore/liveness/check-liveness.ts'
import { prepare } from './explore/prepare.ts'
import { symmetryRenamedNone } from './explore/symmetry-idle.ts'
import { sleepSetsOff } from './explore/sleep-sets.ts'
import { shrinkTraces } from './explore/shrink.ts'
import { parallelBfs } from './parallel/parallel-bfs.ts'
import { dfs } from './explore/dfs.ts'
import { DfsRecorder } from './explore/liveness/dfs-recorder.ts'
import { VisitedSet } from './explore/visited-set.ts'
import { simulate } from './explore/simulate.ts'
import { packedBfs, packedRuntimeOf } from './packed/packed-bfs.ts'
import { workerBundles } from './parallel/worker-bundle.ts'
import { schemaCodecFor } from './parallel/codec.ts'
import { heapShare } from './explore/limits.ts'
import { ENCODE_AT_HEAP_SHARE } from './explore/level-states.ts'
import { distributedBfs } from './distributed/distributed-bfs.ts'

export type Explorer = (p: ReturnType<typeof prepare>, options: CheckOptions) => Promise<CheckResult>

/** The explorers by strategy (liveness runs after any of them, in `withLiveness`). */
const explorers = new Map<string, Explorer>([
  ['bfs', bfs],
  ['parallel-bfs', parallelBfs],
  ['dfs', dfs],
  ['simulate', simulate],
  ['distributed-bfs', distributedBfs],
])

export async function check(spec: AnySpec, partial: Partial<CheckOptions> = {}): Promise<CheckResult> {
  return withOptionNames(await checkMarked(spec, partial), (o) => o)
}

/**
 * A result's warnings and property notes with the options they mention named by `name`: the
 * engine marks them (`option`, as in its errors), `check` names them as the API does
 * (`memoryMiB`), and the CLI, which calls `checkMarked`, by its flags (`--memory`).
 */
export function withOptionNames(r: CheckResult, name: (option: string) => string): CheckResult {
  return {
    ...r,
    warnings: r.warnings.map((w) => nameOptions(w, name)),
    properties: r.properties.map((p) => (p.note === undefined ? p : { ...p, note: nameOptions(p.note, name) })),
  }
}

/** `check`, with the options its warnings and notes mention still marked (see `withOptionNames`). */
/**
 * The engine `check` runs for `options`. Worker processes over NATS (`distributed/`) when asked (it
 * refuses what it does not support); checkpoints are written and read by the parallel engine (and
 * the distributed one, its own format: distributed/process-checkpoint.ts), so --checkpoint/--resume
 * run it even with one worker (documented on `CheckOptions.checkpoint`; same counts and traces as
 * the BFS); else the strategy on one thread. The first two import the spec's module elsewhere.
 */
export function engineOf(options: CheckOptions): string {
  if (options.processes !== undefined || options.nats !== undefined) return 'distributed-bfs'
  const parallel = options.workers > 1 || options.checkpoint !== undefined || options.resume !== undefined
  return parallel && options.strategy === 'bfs' ? 'parallel-bfs' : options.strategy
}

export async function checkMarked(spec: AnySpec, partial: Partial<CheckOptions> = {}): Promise<CheckResult> {
  const options = resolveOptions(partial)
  const p = prepare(spec, options)
  const key = engineOf(options)
  // A packed model searched breadth-first on one thread runs on its words (same results, tested).
  const packed = key === 'bfs' ? packedRuntimeOf(p) : undefined
  // Partial-order reduction: the plain BFS, on one thread or many (it reads `options.por`),
  // where nothing rules it out.
  const porOff = options.por ? sleepSetsOff(p, options, packedRuntimeOf(p) ? 'packed-bfs' : key) : undefined
  const sleep = options.por && porOff === undefined && key === 'bfs'
  // The sequential BFS of a model with a schema keeps a level's states encoded once a tenth of the
  // heap's limit is in use (`explore/level-states.ts`).
  const codec = key === 'bfs' && !packed && !sleep ? schemaCodecFor(p) : undefined
  const encoded = codec ? { codec, when: () => heapShare() > ENCODE_AT_HEAP_SHARE } : undefined
  const explorer: Explorer | undefined = sleep ? (q, o) => bfs(q, o, undefined, true) : packed ? (q, o) => packedBfs(q, o, packed) : key === 'bfs' ? (q, o) => bfs(q, o, undefined, false, encoded) : explorers.get(key)
  if (!explorer) throw new UsageError(`${option('strategy')} ${options.strategy}${options.workers > 1 ? ` with ${option('workers')} ${options.workers}` : ''} is not available`)
  // Liveness on the fly: the BFS, on one thread or many, on objects or on words, records the
  // liveness graph as it searches (a checkpoint holds it, and a resumed search goes on from
  // there), and so does the DFS (`DfsRecorder`: rebuilt in BFS order at the end). Worker
  // processes record it too (the coordinator, from the workers' steps), packed or not, their
  // checkpoints included. Simulation records none (`withLiveness`).
  const rec = p.liveness.length > 0 && key !== 'simulate' ? livenessRecorder(p, options) : undefined
  const dfsRec = rec && key === 'dfs' ? new DfsRecorder(rec, new VisitedSet()) : undefined
  // (Only the BFS engines write checkpoints; the DFS and simulation refuse the option.)
  const writes = key === 'parallel-bfs' || key === 'distributed-bfs'
  if (writes && options.checkpoint === undefined && options.resume !== undefined) refuseWhileWritten(options.resume)
  const release = writes && options.checkpoint !== undefined ? claimCheckpointFolder(options.checkpoint, options.resume) : undefined
  let found: CheckResult
  try {
    found = !rec
      ? await explorer(p, options)
      : dfsRec
        ? await dfs(p, options, dfsRec)
        : packed
          ? await packedBfs(p, options, packed, rec)
          : key === 'bfs'
            ? await bfs(p, options, rec, false, encoded)
            : key === 'distributed-bfs'
              ? await distributedBfs(p, options, {}, rec)
              : await parallelBfs(p, options, undefined, rec)
  } finally {
    release?.()
  }
  // The DFS's graph only when its search was complete (else liveness is 'unknown' anyway).
  const graph = dfsRec ? dfsRec.graph : rec?.graph
  const result = p.liveness.length > 0 ? await withLiveness(p, options, found, graph) : found
  const shrunk = options.shrink ? await shrinkTraces(spec, result, options) : result
  // Worker threads serve the BFS: a DFS or a simulation asked for more runs on one (as --por says
  // when it is off), said rather than shown only as "1 worker" in the header.
  const oneThread = options.workers > 1 && (key === 'dfs' || key === 'simulate') ? [`${option('workers')} ${options.workers} is for the BFS: ${key === 'dfs' ? 'the DFS' : 'the simulation'} ran on one thread`] : []
  // A symmetry that renames nothing merges nothing: the counts are states, not orbits.
  const idle = p.symmetry && result.complete && !result.decidedEarly ? symmetryRenamedNone(p) : undefined
  const idleNote = idle === undefined ? [] : [`symmetry merged nothing: it renamed none of the first ${idle.toLocaleString('en-US')} states (each is its own representative), so the counts are states, not orbits (with one node of each kind there is nothing to rename; otherwise check that model ${p.model.name}'s symmetry renames every variable that names a node)`]
  const unread = p.unreadParams.map((k) => `${option('params')} ${k}: spec ${spec.name}'s config did not read it (with the other parameters as given), so it changed nothing`)
  const notes = [...unread, ...oneThread, ...(porOff === undefined ? [] : [`partial-order reduction is off: ${porOff}`]), ...idleNote]
  const final = notes.length === 0 ? shrunk : { ...shrunk, warnings: [...shrunk.warnings, ...notes] }
  const event = spec.model.event
  return event ? resultWithEvents(final, (a) => event.call(spec.model, a)) : final
}

/**
 * Optional, before checking several specs in one process on worker threads: one worker bundle
 * for all of them (`parallel/worker-bundle.ts`), so the pool's workers load the checker once and
 * keep its compiled code warm from spec to spec. Without it each spec gets a bundle of its own.
 */
export async function prepareWorkers(specUrls: readonly string[]): Promise<void> {
  await workerBundles(specUrls)
}
