/**
 * Decides the safety properties as states are discovered, for every explorer alike: an `always`
 * is violated by the first state that breaks it; a `sometimes` is witnessed by the first state
 * that satisfies it. "First" follows the explorer's discovery order, so BFS gives shortest traces.
 */
import { ModelError, errorMessage } from '../core/errors.ts'
import type { Property } from '../core/property.ts'
import type { Prepared } from './prepare.ts'

export class SafetyTracker {
  /** Per safety property (same order as `prepared.safety`): the deciding state's index, or -1. */
  readonly decidedAt: number[]
  deadlockAt = -1
  private open: number

  constructor(private readonly p: Prepared) {
    this.decidedAt = p.safety.map(() => -1)
    this.open = p.safety.length
  }

  /** Checks a newly discovered state. */
  check(state: unknown, idx: number): void {
    const props = this.p.safety
    for (let i = 0; i < props.length; i++) {
      if (this.decidedAt[i] !== -1) continue
      const prop = props[i] as Property<unknown, unknown> & { holds: (c: unknown, s: unknown) => boolean }
      let ok: boolean
      try {
        ok = prop.holds(this.p.config, state)
      } catch (e) {
        throw new ModelError(`property ${prop.name} threw: ${errorMessage(e)}`)
      }
      if (prop.kind === 'always' ? !ok : ok) {
        this.decidedAt[i] = idx
        this.open--
      }
    }
  }

  /** Restores the decisions of a checkpointed search (indices as `decidedAt` / `deadlockAt`). */
  restore(decidedAt: readonly number[], deadlockAt: number): void {
    decidedAt.forEach((at, i) => (this.decidedAt[i] = at))
    this.deadlockAt = deadlockAt
    this.open = this.decidedAt.filter((at) => at === -1).length
  }

  deadlock(idx: number): void {
    if (this.deadlockAt === -1) this.deadlockAt = idx
  }

  /** Every checked property is decided: the search may stop. With nothing to check at all, the
   * search runs to the end (the user wants the state space itself). */
  allDecided(): boolean {
    if (this.p.safety.length === 0 && !this.p.deadlock) return false
    return this.open === 0 && (!this.p.deadlock || this.deadlockAt !== -1) && this.p.liveness.length === 0
  }
}
