/** The control messages of a distributed run (heads of `wire.ts` frames), coordinator ⇄ worker. */
import type { SpecOptions } from '../parallel/spec-options.ts'

/** What a worker needs to search its partition: the spec's parameters and options as data. */
export interface RunSetup extends SpecOptions {
  readonly runId: string
  readonly index: number
  readonly workers: number
  /** States per batch (fewer when their bytes near `PART_BYTES`). */
  readonly batchStates: number
  /** No batch for this long while some are missing at a barrier: they are lost. */
  readonly lostAfterMs: number
  /** Fault injection for tests: at this level, worker 0 does not publish its first batch (the
   * owner must find it missing), or publishes it twice (the owner must ignore the copy). */
  readonly faults?: { readonly dropAtLevel?: number; readonly duplicateAtLevel?: number }
  /** Liveness is checked: each `expand` reply carries the level's steps (`level-edges.ts`). */
  readonly liveness?: boolean
  /** Partial-order reduction by sleep sets (`--por`): batches carry each successor's set. */
  readonly sleep?: boolean
}

/** A control request's head (the binary tails ride beside it). */
export type Request =
  | { readonly kind: 'seed' }
  | { readonly kind: 'expand'; readonly level: number; readonly deadlockOpen: boolean }
  | { readonly kind: 'barrier'; readonly level: number; readonly expect: readonly number[]; readonly open: readonly number[] }
  | { readonly kind: 'commit'; readonly level: number; readonly cut: number }
  | { readonly kind: 'path'; readonly local: number }
  /** The partition as it stood at the start of `level` (states from `from` on: the checkpoint
   * already holds those before); see `SnapshotReply`. Served at any point of the level before
   * its commit: a level only appends to the visited set. */
  | { readonly kind: 'snapshot'; readonly level: number; readonly from: number }
  /** Instead of `seed`, on a resumed run: the whole partition of a checkpoint, as `snapshot`
   * tails from 0. */
  | { readonly kind: 'restore'; readonly level: number }
  | { readonly kind: 'end' }

export interface Fired {
  readonly name: string
  readonly count: number
  /** The BFS key of its first firing here. */
  readonly first: number
}

/** Per owner, what one worker's partition answers; see `Request`. An `expand` reply's tails, with
 * liveness: the level's edges (`LevelEdges.take`); else none. */
export interface ExpandReply {
  readonly sent: readonly number[]
  readonly deadlockRank: number
  readonly deadlockLocal: number
  /** Under a view or symmetry with `--debug`: the keys this worker met first in the level, each as
   * [hi, lo, answer words] (`KeySoundness.firsts`), for the coordinator to compare across workers. */
  readonly keyFirsts?: readonly number[]
}
export interface BarrierReply {
  readonly n: number
  readonly decisions: readonly { readonly prop: number; readonly key: number; readonly local: number }[]
  readonly duplicates: number
}
export interface CommitReply {
  readonly generated: number
  /** With sleep sets: the steps the level skipped (up to the cut, for a level a stop cut). */
  readonly slept?: number
  /** With a constraint: the level's states it cut (up to the cut, for a level a stop cut). */
  readonly cut?: number
  readonly fired: readonly Fired[]
  readonly discovered: readonly (readonly [string, number])[]
  readonly states: number
  /** Bytes of the visited set and the parent columns. */
  readonly visitedBytes: number
  readonly batchBytes: number
  readonly batches: number
  readonly rss: number
  /** CPU seconds this worker process has used (user + system). */
  readonly cpuSeconds: number
}
export interface PathReply {
  readonly parentOwner: number
  readonly parentLocal: number
  readonly ordinal: number
  readonly hi: number
  readonly lo: number
}

/** Head of a `snapshot` reply; its tails: the states [from, levelStart) as columns (hi, lo,
 * parent owner, parent local index, step ordinal: Int32Array bytes each), then the frontier: its
 * states in the run's codec, their ranks and their local indices. */
export interface SnapshotReply {
  readonly levelStart: number
  readonly frontier: number
}

/** What a worker's ping reply tells of its partition (for the coordinator's progress line). */
export interface Pulse {
  readonly rss: number
  /** The level it is in, states its partition holds (the level's new ones included), frontier
   * states of the level it has expanded, of how many, and the steps they generated. */
  readonly level?: number
  readonly states?: number
  readonly expanded?: number
  readonly frontier?: number
  readonly generated?: number
}
