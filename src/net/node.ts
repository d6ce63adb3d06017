/**
 * Node state split into a durable part (on disk: survives a crash) and a volatile part (in memory:
 * lost). A model keeps `{ durable, volatile }` per node and resets the volatile part *at the crash*,
 * so that every crashed node with the same durable state is one state (what a down node had in
 * memory no longer matters), and `Restart` only marks it up again.
 */
import type { Value } from '../core/value.ts'

export type NodeState<D extends Value, V extends Value> = {
  /** Survives crashes: a decision logged, a vote forced to disk, an applied write. */
  readonly durable: D
  /** Lost on a crash: timers, buffers, what the node learnt but did not log. */
  readonly volatile: V
}

/** The node as it is after a crash: durable part kept, volatile part back to `fresh`. */
export const afterCrash = <D extends Value, V extends Value>(n: NodeState<D, V>, fresh: V): NodeState<D, V> =>
  n.volatile === fresh ? n : { durable: n.durable, volatile: fresh }
