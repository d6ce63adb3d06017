/**
 * A worker's record of the steps it expands in one level, for the liveness graph, when liveness is
 * checked (`RunSetup.liveness`): sent back with the `expand` reply, so the coordinator can record
 * the graph as the sequential BFS does (`record-levels.ts`). Without liveness nothing is kept.
 *
 * Every step that is not a stutter is one edge, whether its target is new or known, and wherever
 * its owner is: 24 bytes (BFS key: the parent's rank and the step's ordinal; the target's
 * fingerprint; the fairness groups of the step's action; the liveness labels of the target state).
 * The coordinator resolves the fingerprint to a node itself (it keeps every node's fingerprint in
 * the graph's visited set anyway, for the lassos), so no owner has to. The labels are evaluated
 * here for every step, where the state is: the coordinator labels a new node with its first
 * step's, and (with a view or symmetry) checks every other's against its node's, as
 * `GraphRecorder` does. Evaluating them for every step, not only for new states as the sequential
 * BFS does, is the price of not knowing here which targets are new.
 */
import type { Action } from '../core/action.ts'
import { GroupMasks } from '../explore/liveness/graph.ts'
import type { LabelledPredicate } from '../explore/liveness/graph.ts'
import { livenessLabels, sameState, stateLabel } from '../explore/liveness/recorder.ts'
import type { Prepared } from '../explore/prepare.ts'
import { withState } from '../explore/sink.ts'
import { Float64Column, Int32Column } from './columns.ts'
import { bytesOf } from './wire.ts'

/** Bytes one edge takes in an `expand` reply (key, hi, lo, groups, labels). */
export const EDGE_BYTES = 8 + 4 * 4

export class LevelEdges {
  /** States are told apart by a view or symmetry key: a step to the parent's key may be no stutter. */
  readonly keyed: boolean
  private readonly predicates: readonly LabelledPredicate[]
  private key = new Float64Column()
  private hi = new Int32Column()
  private lo = new Int32Column()
  private groups = new Int32Column()
  private labels = new Int32Column()
  private n = 0
  /** Ranks of the level's states the constraint cut (kept, not expanded), in rank order. */
  private cuts: number[] = []

  /** Each step's fairness groups, as the sequential recorder works them out. */
  private readonly masks: GroupMasks

  constructor(private readonly p: Prepared) {
    this.keyed = p.model.view !== undefined || p.symmetry
    this.predicates = livenessLabels(p).predicates
    this.masks = new GroupMasks(p.fairness)
  }

  /** The state of rank `rank` fails the spec's constraint. */
  cut(rank: number): void {
    this.cuts.push(rank)
  }

  /**
   * Step `key` of parent `s` (key fingerprint `phi`, `plo`; only read when keyed), by `a`, to the
   * plain state `t`, whose key fingerprint is `hi`, `lo`: no edge if it is a stutter (under a view
   * or symmetry, a step to the parent's key that leaves the state itself unchanged).
   */
  step(key: number, s: unknown, phi: number, plo: number, a: Action, t: unknown, hi: number, lo: number): void {
    if (this.keyed && hi === phi && lo === plo && sameState(s, t)) return
    const i = this.n++
    this.key.set(i, key)
    this.hi.set(i, hi)
    this.lo.set(i, lo)
    this.groups.set(i, this.masks.of(a))
    let bits: number
    try {
      bits = stateLabel(this.p, this.predicates, t)
    } catch (e) {
      throw withState(e, t)
    }
    this.labels.set(i, bits)
  }

  /** The level's edges as the `expand` reply's tails (then empty): key, hi, lo, groups, labels, cut ranks. */
  take(): Uint8Array[] {
    const n = this.n
    const out = [
      bytesOf(this.key.data.slice(0, n)),
      bytesOf(this.hi.data.slice(0, n)),
      bytesOf(this.lo.data.slice(0, n)),
      bytesOf(this.groups.data.slice(0, n)),
      bytesOf(this.labels.data.slice(0, n)),
      bytesOf(Int32Array.from(this.cuts)),
    ]
    this.key = new Float64Column()
    this.hi = new Int32Column()
    this.lo = new Int32Column()
    this.groups = new Int32Column()
    this.labels = new Int32Column()
    this.n = 0
    this.cuts = []
    return out
  }
}
