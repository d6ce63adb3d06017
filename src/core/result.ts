import type { Action } from './action.ts'
import type { PropertyKind } from './property.ts'
import type { Params } from './spec.ts'

/** One step of a trace: the action that led here (`null` for an initial state) and the state. */
export interface TraceStep {
  readonly action: Action | null
  readonly state: unknown
}

/**
 * A counterexample or witness. A path for safety; a lasso for liveness: `loopStart` is the index of
 * the step from which the behaviour repeats forever (the last step leads back to `steps[loopStart]`).
 * `loopStart` = the last index means the last state repeats forever: a state with no fair step
 * enabled stutters (TLA+ behaviours may always stutter), a terminal state included. With a view,
 * "leads back" means to a state with the same view.
 */
export interface Trace {
  readonly steps: readonly TraceStep[]
  readonly loopStart?: number
}

export type Verdict =
  /** An invariant held in every explored state of a complete search; a `sometimes` was reached. */
  | 'holds'
  /** A counterexample exists (an invariant broken, a `sometimes` never reached in a complete search). */
  | 'violated'
  /** The search stopped before it could decide. Never a pass. */
  | 'unknown'
  /** Not checked by this explorer (liveness before the liveness explorer runs). */
  | 'not-checked'

export interface PropertyResult {
  readonly name: string
  readonly kind: PropertyKind | 'deadlock'
  readonly verdict: Verdict
  /** The counterexample (for `always`, `deadlock`, liveness) or the witness (for `sometimes`). */
  readonly trace?: Trace
  readonly note?: string
}

export type StopReason = 'max-states' | 'max-depth' | 'time-limit' | 'interrupted'

export interface ActionCoverage {
  readonly name: string
  /** Steps generated with this action (enabled instances, duplicates included). */
  readonly fired: number
  /** Distinct states first reached through this action. */
  readonly discovered: number
}

export interface Stats {
  readonly distinct: number
  /** Initial states plus every successor generated, duplicates included (TLC's "generated"). */
  readonly total: number
  /** Number of BFS levels, as TLC prints "depth". */
  readonly depth: number
  readonly seconds: number
  /** Estimated probability that a 64-bit fingerprint collision hid a state. */
  readonly collisionProbability: number
  /** Bytes held by the visited set, and per distinct state. */
  readonly visitedBytes: number
  readonly queuePeak: number
  /** Peak bytes held by the frontier (current and next level), where the explorer measures it. */
  readonly frontierBytes?: number
}

/** The liveness phase's graph (`src/explore/liveness/`): its size, memory and time. */
export interface LivenessStats {
  readonly states: number
  readonly edges: number
  /** Bytes allocated for the graph (visited set with parent tree, node and edge columns). */
  readonly graphBytes: number
  readonly bytesPerState: number
  readonly bytesPerEdge: number
  /** Scratch bytes of the SCC analysis (freed after it). */
  readonly analysisBytes: number
  readonly buildSeconds: number
  readonly analysisSeconds: number
}

export interface CheckResult {
  readonly spec: string
  readonly model: string
  readonly params: Params
  readonly strategy: string
  readonly workers: number
  /** True when every reachable state (within the spec's constraint) was explored, or every
   * checked property was decided. */
  readonly complete: boolean
  /** Why the search stopped before it was complete. */
  readonly stopReason?: StopReason
  /** True when exploration ended early because every checked property was already decided. */
  readonly decidedEarly: boolean
  readonly stats: Stats
  readonly properties: readonly PropertyResult[]
  readonly coverage: readonly ActionCoverage[]
  /** Actions the model declares that never fired. */
  readonly neverFired: readonly string[]
  readonly warnings: readonly string[]
  /** Present when liveness properties were checked. */
  readonly liveness?: LivenessStats
}
