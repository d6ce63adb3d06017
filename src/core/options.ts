import { UsageError } from './errors.ts'
import type { Params } from './spec.ts'
import { editDistance } from './edit-distance.ts'
import { refuseOutOfRange } from './option-ranges.ts'

export interface Progress {
  readonly distinct: number
  readonly total: number
  readonly queue: number
  readonly depth: number
  readonly seconds: number
  /** Per worker process of a distributed search, as its last ping (about a second old) said. */
  readonly processes?: readonly ProcessProgress[]
  /** Set while a distributed run waits for its `--nats` workers (the counts above are zero then):
   * `distributed/join-progress.ts`. */
  readonly joining?: { readonly url: string; readonly joined: number; readonly wanted: number }
}

export interface ProcessProgress {
  /** States its partition holds, the current level's new ones included. */
  readonly states: number
  /** Of its part of the current level's frontier, the states expanded so far, and how many. */
  readonly expanded: number
  readonly frontier: number
}

/** Options of one check, read once into a fully defaulted object (`resolveOptions`). */
export interface CheckOptions {
  readonly params: Params
  /** Names of the properties to check; empty = the spec's `check` list, or all. */
  readonly properties: readonly string[]
  readonly maxStates: number
  readonly maxDepth: number
  readonly timeLimitSeconds: number
  /** The longest one stretch of the BFS's expansions on its thread (about 50 ms of work between
   * yields), or one worker thread's slice, may take before the search ends with a model error: a
   * model's action, property or constraint that never returns (`explore/step-watchdog.ts`,
   * `parallel/run-level.ts`). 0 or Infinity: no watchdog. */
  readonly stepTimeoutSeconds: number
  /** Overrides the spec's deadlock setting when defined. */
  readonly deadlock: boolean | undefined
  readonly debug: boolean
  /** Check that `next` leaves the state it was given unchanged (every state at first, then a
   * sample; `prepare.ts`). On by default; off only to measure what it costs. */
  readonly mutationCheck: boolean
  readonly workers: number
  readonly strategy: 'bfs' | 'dfs' | 'simulate'
  readonly seed: number
  readonly maxSteps: number
  readonly traces: number
  /** Shrink each DFS or simulation counterexample of an invariant or a deadlock to a 1-minimal
   * trace (delta debugging over its actions, bounded; `explore/shrink.ts`), noting it on the
   * property. Off by default, so `check()`'s results stay as each explorer found them; the CLI
   * turns it on. BFS traces are shortest already. */
  readonly shrink: boolean
  /** Partial-order reduction by sleep sets (`explore/sleep-sets.ts`; on worker threads
   * `explore/keyed-sleep.ts`): skip steps whose targets another path reaches; every state is
   * still visited. Where it cannot run (see `sleepSetsOff`)
   * the search runs without it and the result says why in a warning. */
  readonly por: boolean
  /** Explore one state per symmetry orbit; `undefined` follows the spec. */
  readonly symmetry: boolean | undefined
  /** Directory to write checkpoints to (parallel/BFS explorers, and the distributed one:
   * `distributed/process-checkpoint.ts`), and one to resume from. A checkpoint is written at
   * the first level, every `checkpointIntervalSeconds` and at every stop (limit, signal, memory
   * budget). Either one runs the BFS on the parallel engine, even with one worker (its
   * checkpoints are the only ones written; same counts and traces). */
  readonly checkpoint: string | undefined
  readonly checkpointIntervalSeconds: number
  readonly resume: string | undefined
  /** Memory budget in MiB for the visited set and the liveness graph recorded beside it (the
   * parallel explorer sizes its table from it; the graph's bytes are added as it grows). */
  readonly memoryMiB: number | undefined
  /** Search over this many worker processes connected by NATS (`distributed/`): local ones and a
   * private nats-server unless `nats` names a server whose workers join. */
  readonly processes: number | undefined
  /** A NATS server URL (nats://host:4222) where `processes` workers join the run. */
  readonly nats: string | undefined
  /** The spec module's URL, so worker threads can re-import it (set by the CLI). */
  readonly specUrl: string | undefined
  readonly progressIntervalMs: number
  readonly onProgress: ((p: Progress) => void) | undefined
  /** Aborting it stops the search (SIGINT): the result is marked incomplete, `interrupted`. */
  readonly signal: AbortSignal | undefined
}

export const defaultOptions: CheckOptions = {
  params: {},
  properties: [],
  maxStates: Number.POSITIVE_INFINITY,
  maxDepth: Number.POSITIVE_INFINITY,
  timeLimitSeconds: Number.POSITIVE_INFINITY,
  stepTimeoutSeconds: 60,
  deadlock: undefined,
  debug: false,
  mutationCheck: true,
  workers: 1,
  strategy: 'bfs',
  seed: 1,
  maxSteps: 100,
  traces: 1000,
  shrink: false,
  por: false,
  symmetry: undefined,
  checkpoint: undefined,
  checkpointIntervalSeconds: 60,
  resume: undefined,
  memoryMiB: undefined,
  processes: undefined,
  nats: undefined,
  specUrl: undefined,
  progressIntervalMs: 1000,
  onProgress: undefined,
  signal: undefined,
}

export const resolveOptions = (partial: Partial<CheckOptions> = {}): CheckOptions => {
  // An option misspelled (`timeLimit`, `maxState`) was ignored: the search ran without the limit.
  for (const k of Object.keys(partial)) if (!(k in defaultOptions)) throw new UsageError(`unknown option ${k}${closest(k)}`)
  // A value out of range was taken: `maxStates: -5` stopped at once, "incomplete" (`option-ranges.ts`).
  refuseOutOfRange(partial)
  return {
    ...defaultOptions,
    ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)),
  }
}

/** ` (did you mean X?)` for the option whose name `k` is nearest, when one is near. */
function closest(k: string): string {
  const low = k.toLowerCase()
  let best = ''
  let bestD = Infinity
  for (const o of Object.keys(defaultOptions)) {
    const d = o.toLowerCase().startsWith(low) || low.startsWith(o.toLowerCase()) ? 1 : editDistance(low, o.toLowerCase())
    if (d < bestD) [best, bestD] = [o, d]
  }
  return bestD <= Math.max(2, k.length >> 2) ? ` (did you mean ${best}?)` : ''
}
