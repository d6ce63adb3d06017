/**
 * Decides the safety properties as states are discovered, for every explorer alike: an `always`
 * is violated by the first state that breaks it; a `sometimes` is witnessed by the first state
 * that satisfies it. "First" follows the explorer's discovery order, so BFS gives shortest traces.
 */
import type { Property } from '../core/property.ts'
import type { Prepared } from './prepare.ts'
import { evaluate, withState } from './sink.ts'

/** `decidedAt` of a property a `checkOnly` tracker leaves alone. */
const ELSEWHERE = -2

export class SafetyTracker {
  /** Per safety property (same order as `prepared.safety`): the deciding state's index, or -1. */
  readonly decidedAt: number[]
  deadlockAt = -1
  private undecided: number

  /** `show`: the plain state for a stored one, to name it in a property's error (a packed
   * store's words decoded); plain states are shown as they are. */
  constructor(
    private readonly p: Prepared,
    private readonly show?: (state: unknown) => unknown,
  ) {
    this.decidedAt = p.safety.map(() => -1)
    this.undecided = p.safety.length
  }

  /** The properties still undecided (a change tells a random walk it decided one). */
  get open(): number {
    return this.undecided
  }

  /** Checks a newly discovered state. */
  check(state: unknown, idx: number): void {
    const props = this.p.safety
    for (let i = 0; i < props.length; i++) {
      if (this.decidedAt[i] !== -1) continue
      const prop = props[i] as Property<unknown, unknown> & { holds: (c: unknown, s: unknown) => boolean }
      let ok: boolean
      try {
        ok = evaluate(this.p.model.name, prop.name, prop.holds, this.p.config, state)
      } catch (e) {
        throw withState(e, state, this.show)
      }
      if (prop.kind === 'always' ? !ok : ok) {
        this.decidedAt[i] = idx
        this.undecided--
      }
    }
  }

  /** Restores the decisions of a checkpointed search (indices as `decidedAt` / `deadlockAt`). */
  restore(decidedAt: readonly number[], deadlockAt: number): void {
    decidedAt.forEach((at, i) => (this.decidedAt[i] = at))
    this.deadlockAt = deadlockAt
    this.undecided = this.decidedAt.filter((at) => at === -1).length
  }

  /** Checks only the properties `open` (indices into `safety`), as a worker does for the ones
   * still open when its task was made; `decided()` then lists what this tracker decided. */
  checkOnly(open: readonly number[]): void {
    const only = new Set(open)
    this.restore(
      this.decidedAt.map((_, i) => (only.has(i) ? -1 : ELSEWHERE)),
      -1,
    )
  }

  /** The properties decided here (not before `restore`/`checkOnly`), with the deciding index. */
  decided(): { prop: number; cand: number }[] {
    const out: { prop: number; cand: number }[] = []
    this.decidedAt.forEach((at, prop) => at >= 0 && out.push({ prop, cand: at }))
    return out
  }

  deadlock(idx: number): void {
    if (this.deadlockAt === -1) this.deadlockAt = idx
  }

  /** Every checked property is decided: the search may stop. With nothing to check at all, the
   * search runs to the end (the user wants the state space itself). */
  allDecided(): boolean {
    if (this.p.safety.length === 0 && !this.p.deadlock) return false
    return this.undecided === 0 && (!this.p.deadlock || this.deadlockAt !== -1) && this.p.liveness.length === 0
  }
}
