/**
 * The end of a level's close, shared by the thread engine (`close-level.ts`) and the distributed
 * one (`distributed/merge-level.ts`): its verdict events replayed in the sequential BFS's order,
 * and where that search would have stopped. The sequential BFS checks, after each state of the
 * level: every property decided → stop (`decidedEarly`); then visited ≥ max states → stop.
 */
import type { StopReason } from '../core/result.ts'
import type { SafetyTracker } from '../explore/safety-tracker.ts'

/** An event's key, (parent position, ordinal + 1): a deadlock (ordinal -1) sorts before its
 * parent's successors. */
const KEY = 65537
export const eventKey = (parent: number, ordinal: number): number => parent * KEY + ordinal + 1

export interface LevelCut {
  /** The last parent position whose successors count, or -1 (the whole level). */
  readonly cut: number
  readonly stop: StopReason | undefined
  readonly decidedEarly: boolean
}

/**
 * Sorts `events` and applies them (`apply` tells the tracker) up to the max-states cut
 * (`maxStatesParent`, -1: none), stopping after the parent whose events leave every property
 * decided. `halted`: the level was stopped at that position (time limit, Ctrl-C) when neither cut
 * comes first.
 */
export function replayLevel<E extends { readonly key: number }>(
  events: E[],
  tracker: SafetyTracker,
  maxStatesParent: number,
  apply: (e: E) => void,
  halted?: { readonly stop: StopReason; readonly last: number },
): LevelCut {
  events.sort((a, b) => a.key - b.key)
  let decidedParent = -1
  for (let e = 0; e < events.length; e++) {
    const parent = Math.floor(events[e].key / KEY)
    if (maxStatesParent >= 0 && parent > maxStatesParent) break
    apply(events[e])
    const nextParent = e + 1 < events.length ? Math.floor(events[e + 1].key / KEY) : -1
    if (nextParent !== parent && tracker.allDecided()) {
      decidedParent = parent
      break
    }
  }
  if (decidedParent >= 0) return { cut: decidedParent, stop: undefined, decidedEarly: true }
  if (maxStatesParent >= 0) return { cut: maxStatesParent, stop: 'max-states', decidedEarly: false }
  if (halted) return { cut: halted.last, stop: halted.stop, decidedEarly: false }
  return { cut: -1, stop: undefined, decidedEarly: false }
}
