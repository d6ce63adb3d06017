/**
 * The coordinator's close of a level: merges the owners' sorted BFS keys into the next level's
 * ranks and decides the level's verdict events in the sequential BFS's order, with its two
 * stopping points (every property decided; max states), as `parallel/close-level.ts` does for
 * threads.
 */
import type { StopReason } from '../core/result.ts'
import type { SafetyTracker } from '../explore/safety-tracker.ts'
import { eventKey, replayLevel } from '../parallel/level-verdicts.ts'
import type { BarrierReply, ExpandReply } from './messages.ts'
import { ORD, parentOfKey } from './wire.ts'

/** A state's reference in the coordinator's verdict bookkeeping: owner + workers × local index. */
export const refOf = (owner: number, local: number, n: number): number => local * n + owner

export interface Close {
  readonly kept: number
  /** Per owner, the rank of each of its new states in key order (-1: past the cut). */
  readonly ranks: Int32Array[]
  /** The last parent rank whose successors count (the sequential BFS stopped after it), or -1. */
  readonly cut: number
  readonly stop: StopReason | undefined
  readonly decidedEarly: boolean
}

export function closeLevel(
  tracker: SafetyTracker,
  n: number,
  need: number,
  expands: readonly ExpandReply[],
  barriers: readonly BarrierReply[],
  keys: readonly Float64Array[],
): Close {
  // Merge: the owners' keys are sorted and distinct (a key is one step of one parent).
  const ranks = keys.map((k) => new Int32Array(k.length))
  const at = new Array<number>(n).fill(0)
  let rank = 0
  let maxStatesParent = -1
  for (;;) {
    let best = -1
    let bestKey = Infinity
    for (let o = 0; o < n; o++) {
      if (at[o] < keys[o].length && keys[o][at[o]] < bestKey) {
        bestKey = keys[o][at[o]]
        best = o
      }
    }
    if (best < 0) break
    ranks[best][at[best]++] = rank++
    if (rank === need) maxStatesParent = parentOfKey(bestKey)
  }
  // Already at the limit (the initial states filled it): the sequential BFS stops after the
  // level's first state, expanded or cut by the constraint (it checks after either).
  if (need <= 0) maxStatesParent = 0

  // Verdict events: each worker's first deadlock, and each property's first deciding state.
  const events: { key: number; prop: number; ref: number }[] = []
  expands.forEach((e, o) => e.deadlockRank >= 0 && events.push({ key: eventKey(e.deadlockRank, -1), prop: -1, ref: refOf(o, e.deadlockLocal, n) }))
  const firstPer = new Map<number, { key: number; ref: number }>()
  barriers.forEach((b, o) => {
    for (const d of b.decisions) {
      const cur = firstPer.get(d.prop)
      if (!cur || d.key < cur.key) firstPer.set(d.prop, { key: d.key, ref: refOf(o, d.local, n) })
    }
  })
  for (const [prop, d] of firstPer) events.push({ key: eventKey(parentOfKey(d.key), d.key % ORD), prop, ref: d.ref })
  const { cut, stop, decidedEarly } = replayLevel(events, tracker, maxStatesParent, (ev) => {
    if (ev.prop < 0) tracker.deadlock(ev.ref)
    else if (tracker.decidedAt[ev.prop] === -1) tracker.restore(tracker.decidedAt.map((r, i) => (i === ev.prop ? ev.ref : r)), tracker.deadlockAt)
  })
  let kept = rank
  if (cut >= 0) {
    kept = 0
    keys.forEach((k, o) => {
      for (let j = 0; j < k.length; j++) {
        if (parentOfKey(k[j]) > cut) ranks[o][j] = -1
        else kept++
      }
    })
  }
  return { kept, ranks, cut, stop, decidedEarly }
}
