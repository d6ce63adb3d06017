/**
 * Messages between the coordinator and the workers (tagged unions). Every task carries what a
 * worker needs to set itself up, so a fresh worker (or a pool that routes tasks anywhere) can run
 * any task; a worker loads the spec once per `runId`.
 */
import type { VisitedHandles } from './shared-visited.ts'
import type { SpecOptions } from './spec-options.ts'

/** The options that shape the search, as plain data (functions do not cross threads). */
export interface WorkerSetup extends SpecOptions {
  readonly runId: string
  readonly specUrl: string
  /** A bundle of the worker's code with the spec (`worker-bundle.ts`); absent: load the sources. */
  readonly bundleUrl?: string
  /** Liveness is being checked: report every step's target (`EdgeReport`) for its graph. */
  readonly edges?: boolean
  /** Partial-order reduction by sleep sets (`explore/keyed-sleep.ts`): tasks and chunks carry them. */
  readonly sleep?: boolean
}

/** Sleep sets of a chunk's states (`KeyedSleep`): state i's entries are `sleep[sleepOff[i],
 * sleepOff[i + 1])`, `SLEEP_ENTRY` int32s per sleeping step. Present with `WorkerSetup.sleep`. */
export interface SleepColumns {
  readonly sleep?: Int32Array
  readonly sleepOff?: Int32Array
}

/** A slice of one frontier chunk: expand the states `winners[from..to)` of `bytes`. */
export interface ExpandTask extends SleepColumns {
  readonly kind: 'expand'
  readonly setup: WorkerSetup
  readonly visited: VisitedHandles
  readonly bytes: Uint8Array
  readonly winners: Int32Array
  readonly from: number
  readonly to: number
  /** Frontier position of `winners[from]`; the k-th state of the slice is at `pos + k`. */
  readonly pos: number
  /** Index of the first state of the level being discovered: smaller ones are old. */
  readonly levelStart: number
  /** Indices (into the prepared safety properties) of those still undecided. */
  readonly open: readonly number[]
  /** Stop before expanding a state once the set holds this many states (room to grow). */
  readonly stopAt: number
  /** Candidates per output chunk. */
  readonly chunkSize: number
}

/** Test hook and liveness probe: a task that fails on purpose is not needed; `ping` checks setup. */
export interface PingTask {
  readonly kind: 'ping'
  readonly setup: WorkerSetup
}

export type Task = ExpandTask | PingTask

/** Candidates for the next level, in the order they were generated (= the BFS order). */
export interface OutChunk extends SleepColumns {
  readonly bytes: Uint8Array
  readonly n: number
  /** Visited-set index of each candidate's state. */
  readonly ins: Int32Array
  /** Frontier position of the parent that generated it. */
  readonly pos: Int32Array
  /** Ordinal of the step in the parent's successor list. */
  readonly ord: Uint16Array
  /** Action, as an index into the result's `names`. */
  readonly act: Uint16Array
}

export interface ExpandResult {
  readonly kind: 'expanded'
  /** States of the slice expanded (less than `to - from` when stopped for growth). */
  readonly done: number
  readonly generated: number
  readonly names: readonly string[]
  /** Steps generated per action, indexed like `names`. */
  readonly fired: readonly number[]
  readonly out: readonly OutChunk[]
  /** Per safety property: the first candidate (index over `out`, concatenated) that decides it. */
  readonly decisions: readonly { readonly prop: number; readonly cand: number }[]
  /** Frontier position of the first state without successors, or -1. */
  readonly deadlockPos: number
  /** With `setup.sleep`: the steps skipped, asleep. */
  readonly slept?: number
  /** With a constraint: the states expanded here that it cut (kept, not expanded). */
  readonly cut?: number
  /** With `setup.edges`: the slice's steps, for the liveness graph. */
  readonly edges?: EdgeReport
  /** Under a view or symmetry with `--debug`: the keys this thread met first in the task, each as
   * [hi, lo, answer words] (`KeySoundness.firsts`), for the coordinator to compare across threads. */
  readonly keyFirsts?: Int32Array
}

/** Target of a step to another state with its parent's key (a view or symmetry): not a stutter. */
export const SELF = -1

/**
 * The steps of the states a task expanded, for the liveness graph (`record-graph.ts`), in the
 * sequential BFS's order: by frontier position, then ordinal. Stuttering steps are left out.
 */
export interface EdgeReport {
  /** Per state expanded (`done` of them): its number of steps here, or -1 if the constraint cut it. */
  readonly deg: Int32Array
  /** Per step: the target's visited-set index (new or not), or `SELF`. */
  readonly to: Int32Array
  readonly ord: Uint16Array
  /** The fairness groups of the step's action (`groupMask`). */
  readonly groups: Uint32Array
  /** The target's liveness label (`stateLabel`): for a candidate, and for every step under a view
   * or symmetry (each state met again must agree with its node); else 0. */
  readonly labels: Uint32Array
}

export interface FailedResult {
  readonly kind: 'failed'
  /** 'model' errors end the run with exit 2 and this message; 'internal' ones are checker bugs. */
  readonly error: 'model' | 'usage' | 'internal'
  readonly message: string
}

export interface PongResult {
  readonly kind: 'pong'
}

export type TaskResult = ExpandResult | FailedResult | PongResult

/** The buffers a result or task can hand over without copying. */
export function transferables(x: Task | TaskResult): ArrayBuffer[] {
  if (x.kind !== 'expanded') return []
  const out = x.out.flatMap((o) => [o.bytes.buffer, o.ins.buffer, o.pos.buffer, o.ord.buffer, o.act.buffer, ...(o.sleep && o.sleepOff ? [o.sleep.buffer, o.sleepOff.buffer] : [])] as ArrayBuffer[])
  const e = x.edges
  if (e) out.push(...([e.deg.buffer, e.to.buffer, e.ord.buffer, e.groups.buffer, e.labels.buffer] as ArrayBuffer[]))
  return out
}
