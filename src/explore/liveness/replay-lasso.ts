/**
 * Turns a lasso in the graph into states by replaying the model from its initial state, as safety
 * traces are rebuilt. With a view (or symmetry) the replayed state may differ from the one the
 * graph's node was built from while having the same key; its steps are then matched by key (and
 * fairness groups), not by position: the lasso must be realisable by real states, and if no step
 * of the real state reaches the key the graph recorded, the view is not a bisimulation — said so.
 */
import type { Action } from '../../core/action.ts'
import { actionLabel } from '../../core/action.ts'
import { ModelError } from '../../core/errors.ts'
import type { Trace, TraceStep } from '../../core/result.ts'
import type { Prepared, Step } from '../prepare.ts'
import { groupMask } from './graph.ts'
import type { LivenessGraph } from './graph.ts'
import type { GraphLasso, GraphStep } from './lasso.ts'

export interface ReplayedLasso {
  readonly trace: Trace
  /** The action of the step from the last state back to `steps[loopStart]`; null: stuttering. */
  readonly closing: Action | null
  /** The state that step reaches: `steps[loopStart]`'s key, but under a view or symmetry not
   * necessarily that state itself (null: stuttering). */
  readonly closed: unknown
}

export function replayLasso(p: Prepared, g: LivenessGraph, lasso: GraphLasso): ReplayedLasso {
  const first = lasso.path[0]
  let state = p.initStates()[first.ordinal]
  if (state === undefined || !sameKey(p, g, state, first.node)) {
    throw new ModelError(`model ${p.model.name}: init is not deterministic (initial state ${first.ordinal} changed on replay)`)
  }
  const steps: TraceStep[] = [{ action: null, state }]
  for (let k = 1; k < lasso.path.length; k++) {
    const [a, t] = follow(p, g, state, lasso.path[k], k)
    steps.push({ action: a, state: t })
    state = t
  }
  const back = lasso.closing ? follow(p, g, state, lasso.closing, lasso.path.length) : null
  return { trace: { steps, loopStart: lasso.loopStart }, closing: back === null ? null : back[0], closed: back === null ? null : back[1] }
}

function follow(p: Prepared, g: LivenessGraph, state: unknown, step: GraphStep, k: number): Step {
  const succ = p.expand(state)
  const at = succ[step.ordinal]
  if (at && sameKey(p, g, at[1], step.node) && groupMask(p.fairness, at[0]) === step.groups) return at
  for (const s of succ) {
    if (sameKey(p, g, s[1], step.node) && groupMask(p.fairness, s[0]) === step.groups) return s
  }
  const keyed = p.model.view ? 'view' : p.symmetry ? 'symmetry' : undefined
  throw new ModelError(
    keyed
      ? `model ${p.model.name}: replaying the lasso, step ${k} has no successor with the ${keyed} the search recorded: states with equal ${keyed}s must have steps to equal ${keyed}s (a bisimulation) for liveness to be sound`
      : `model ${p.model.name}: next is not deterministic: replaying the lasso, step ${k} (${at ? actionLabel(at[0]) : 'gone'}) reached a different state than during the search`,
  )
}

function sameKey(p: Prepared, g: LivenessGraph, state: unknown, node: number): boolean {
  const f = { hi: 0, lo: 0 }
  p.fingerprintOf(state, null, f)
  const want = g.visited.fingerprintOf(node)
  return f.hi === want.hi && f.lo === want.lo
}
