/**
 * Node state split into a durable part (on disk: survives a crash) and a volatile part (in memory:
 * lost). A model keeps `{ durable, volatile }` per node and resets the volatile part *at the crash*,
 * so that every crashed node with the same durable state is one state (what a down node had in
 * memory no longer matters), and `Restart` only marks it up again.
 */
import type { Value } from '../core/value.ts'
import { compareValues } from '../state/data.ts'

export type NodeState<D extends Value, V extends Value> = {
  /** Survives crashes: a decision logged, a vote forced to disk, an applied write. */
  readonly durable: D
  /** Lost on a crash: timers, buffers, what the node learnt but did not log. */
  readonly volatile: V
}

/** The node as it is after a crash: durable part kept, volatile part back to `fresh`; the node
 * itself when its volatile part equals `fresh` (a crash that loses nothing). By value, not by
 * identity: a state decoded on a worker thread, or replayed from a trace, holds an equal copy of
 * `fresh`, and an atomic restart's crash that loses nothing must be no step there either. */
export const afterCrash = <D extends Value, V extends Value>(n: NodeState<D, V>, fresh: V): NodeState<D, V> =>
  n.volatile === fresh || compareValues(n.volatile, fresh) === 0 ? n : { durable: n.durable, volatile: fresh }
