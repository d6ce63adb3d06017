/**
 * Rebuilds a trace from the visited set's parent chain by replaying the model from its initial
 * state (as TLC does): each state stores only its parent and the ordinal of the step that reached
 * it. If the model does not reproduce the recorded successor, it is not deterministic: say so and
 * name the action.
 */
import { actionLabel } from '../core/action.ts'
import { ModelError } from '../core/errors.ts'
import type { Trace, TraceStep } from '../core/result.ts'
import type { Prepared } from './prepare.ts'

export interface ParentChain {
  /** Indices from an initial state to the target, inclusive. */
  pathTo(idx: number): number[]
  /** The ordinal of the step (or initial state) that first reached `idx`. */
  ordinal(idx: number): number
  /** The state's fingerprint, to check each replayed state is the one recorded; a chain that
   * does not keep fingerprints per state offers `has` instead (membership in the visited set). */
  fingerprintOf?(idx: number): { hi: number; lo: number }
  has?(hi: number, lo: number): boolean
}

export function replayPath(p: Prepared, chain: ParentChain, idx: number): Trace {
  const member = chain.has ? (hi: number, lo: number) => chain.has!(hi, lo) : undefined
  return { steps: replayOrdinals(p, chain.pathTo(idx).map((i) => ({ ordinal: chain.ordinal(i), expect: chain.fingerprintOf?.(i) ?? member }))) }
}

/** What a replayed state must be: this fingerprint, or one the search stored. */
type Expect = { hi: number; lo: number } | ((hi: number, lo: number) => boolean)

/** Replays a list of step ordinals (the first is an index into the initial states). */
export function replayOrdinals(
  p: Prepared,
  path: readonly { ordinal: number; expect?: Expect }[],
): TraceStep[] {
  const steps: TraceStep[] = []
  const inits = p.initStates()
  const first = path[0]
  if (!first) return steps
  let state = inits[first.ordinal]
  if (state === undefined) throw new ModelError(`model ${p.model.name}: init is not deterministic (initial state ${first.ordinal} is gone on replay)`)
  checkSame(p, state, first.expect, 'init')
  steps.push({ action: null, state })
  for (let k = 1; k < path.length; k++) {
    const { ordinal, expect } = path[k]
    const succ = p.expand(state)
    const step = succ[ordinal]
    if (!step) {
      throw new ModelError(
        `model ${p.model.name}: next is not deterministic: replaying step ${k}, the state now has ${succ.length} successors, not the ${ordinal + 1} recorded (usually iteration over an unordered collection, or state outside the model)`,
      )
    }
    checkSame(p, step[1], expect, `action ${actionLabel(step[0])}`)
    state = step[1]
    steps.push({ action: step[0], state })
  }
  return steps
}

function checkSame(p: Prepared, state: unknown, expect: Expect | undefined, what: string): void {
  if (!expect) return
  const f = { hi: 0, lo: 0 }
  p.fingerprintOf(state, null, f)
  if (typeof expect === 'function' ? !expect(f.hi, f.lo) : f.hi !== expect.hi || f.lo !== expect.lo) {
    throw new ModelError(
      `model ${p.model.name}: next is not deterministic: replaying ${what} reached a different state than during the search (usually iteration over an unordered collection, or state outside the model)`,
    )
  }
}
