/**
 * A worker's record of the steps it expands, for the liveness graph, when liveness is checked
 * (`WorkerSetup.edges`): the coordinator builds the graph from these in frontier order
 * (`record-graph.ts`), so the parallel search records it as the sequential BFS does, in the same
 * search. Without liveness no log is made and expanding costs what it did.
 *
 * It is the worker's observer of the search sink (`SearchObserver`), as the liveness recorder is
 * the sequential search's. Every step that is not a stutter is logged, duplicates included (their
 * target's index is the one the shared set met): the graph needs the edges into known states too.
 * The label (the liveness predicates, bit per predicate) is evaluated here, on the worker, where
 * the state is: for a candidate (it may become the node), and under a view or symmetry for every
 * step (each state met again must agree with its node's label, as `GraphRecorder.seenAgain`
 * checks).
 */
import type { Action } from '../core/action.ts'
import type { Prepared } from '../explore/prepare.ts'
import type { SearchObserver } from '../explore/search-sink.ts'
import { GroupMasks } from '../explore/liveness/graph.ts'
import type { LabelledPredicate } from '../explore/liveness/graph.ts'
import { livenessLabels, sameState, stateLabel } from '../explore/liveness/recorder.ts'
import { withState } from '../explore/sink.ts'
import type { EdgeReport } from './protocol.ts'
import { SELF } from './protocol.ts'

export class EdgeLog implements Omit<SearchObserver, 'visited'> {
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
  /** The plain state the sink just told `found` (a candidate) or `seenAgain`, for the step that
   * follows; `fresh`: that step made a candidate. */
  private shown: unknown
  private fresh = false

  /** `plain`: a stored state as the predicates read it (packed words are decoded). */
  /** Each step's fairness groups, as the sequential recorder works them out. */
  private readonly masks: GroupMasks

  constructor(
    private readonly p: Prepared,
    private readonly plain: (s: unknown) => unknown,
  ) {
    this.keyed = p.model.view !== undefined || p.symmetry
    this.predicates = livenessLabels(p).predicates
    this.masks = new GroupMasks(p.fairness)
  }

  found(s: unknown): void {
    this.shown = s
    this.fresh = true
  }

  seenAgain(s: unknown): void {
    this.shown = s
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

  finish(): void {}

  /** The `ordinal`-th step, by `a`, to the state at shared index `v` (new or met). */
  step(_u: number, _s: unknown, a: Action, ordinal: number, _t: unknown, v: number): void {
    const candidate = this.fresh
    this.fresh = false
    this.log(a, ordinal, candidate || this.keyed ? this.shown : undefined, v, candidate)
  }

  /**
   * The `ordinal`-th step of `s`, by `a`, to `t`, whose key is the parent's: under a view or
   * symmetry a real step (an edge to the parent itself) unless `t` is `s`; else a stutter.
   */
  toSelf(_u: number, s: unknown, a: Action, ordinal: number, t: unknown): void {
    if (!this.keyed) return
    const pt = this.plain(t)
    if (!sameState(this.plain(s), pt)) this.log(a, ordinal, pt, SELF, true)
  }

  private log(a: Action, ordinal: number, t: unknown, idx: number, candidate: boolean): void {
    this.to.push(idx)
    this.ord.push(ordinal)
    this.groups.push(this.masks.of(a))
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
