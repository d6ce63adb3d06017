/**
 * A worker's record of the steps it expands, for the liveness graph, when liveness is checked
 * (`WorkerSetup.edges`): the coordinator builds the graph from these in frontier order
 * (`record-graph.ts`), so the parallel search records it as the sequential BFS does, in the same
 * search. Without liveness no log is made and expanding costs what it did.
 *
 * Every step that is not a stutter is logged, duplicates included (their target's index comes
 * from `SharedVisited.met`): the graph needs the edges into known states too. The label (the
 * liveness predicates, bit per predicate) is evaluated here, on the worker, where the state is:
 * for a candidate (it may become the node), and under a view or symmetry for every step (each
 * state met again must agree with its node's label, as `GraphRecorder.seenAgain` checks).
 */
import type { Action } from '../core/action.ts'
import type { Prepared } from '../explore/prepare.ts'
import { groupMask } from '../explore/liveness/graph.ts'
import type { LabelledPredicate } from '../explore/liveness/graph.ts'
import { livenessLabels, sameState, stateLabel } from '../explore/liveness/recorder.ts'
import { withState } from '../explore/sink.ts'
import type { EdgeReport } from './protocol.ts'
import { SELF } from './protocol.ts'

export class EdgeLog {
  /** States are told apart by a view or symmetry key: a step to the parent's key may be no stutter. */
  readonly keyed: boolean
  private readonly predicates: readonly LabelledPredicate[]
  private readonly deg: number[] = []
  private readonly to: number[] = []
  private readonly ord: number[] = []
  private readonly groups: number[] = []
  private readonly labels: number[] = []
  /** Steps logged before the current state's. */
  private from = 0

  constructor(private readonly p: Prepared) {
    this.keyed = p.model.view !== undefined || p.symmetry
    this.predicates = livenessLabels(p).predicates
  }

  /** The next state of the slice fails the constraint: kept, not expanded. */
  cut(): void {
    this.deg.push(-1)
  }

  /** The next state of the slice is expanded: its steps follow, then `end`. */
  begin(): void {
    this.from = this.to.length
  }

  end(): void {
    this.deg.push(this.to.length - this.from)
  }

  /**
   * The `ordinal`-th step of `s`, by `a`, to `t`, whose key is the parent's: under a view or
   * symmetry a real step (an edge to the parent itself) unless `t` is `s`; else a stutter.
   */
  toParent(s: unknown, a: Action, ordinal: number, t: unknown): void {
    if (this.keyed && !sameState(s, t)) this.step(a, ordinal, t, SELF, true)
  }

  /** The `ordinal`-th step, by `a`, to `t`, at visited-set index `idx` (`candidate`: it may be new). */
  step(a: Action, ordinal: number, t: unknown, idx: number, candidate: boolean): void {
    this.to.push(idx)
    this.ord.push(ordinal)
    this.groups.push(groupMask(this.p.fairness, a))
    let bits = 0
    if (candidate || this.keyed) {
      try {
        bits = stateLabel(this.p, this.predicates, t)
      } catch (e) {
        throw withState(e, t)
      }
    }
    this.labels.push(bits)
  }

  report(): EdgeReport {
    return {
      deg: Int32Array.from(this.deg),
      to: Int32Array.from(this.to),
      ord: Uint16Array.from(this.ord),
      groups: Uint32Array.from(this.groups),
      labels: Uint32Array.from(this.labels),
    }
  }
}
