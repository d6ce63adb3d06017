/**
 * TLC's liveness pitfalls, each turned into a one-line warning (design §5, issue #6): no fairness
 * (every counterexample is trivial stuttering), a state constraint that cuts behaviours (a 'holds'
 * then covers only what is inside it), symmetry and views (sound only under conditions the
 * checker cannot fully verify).
 */
import type { Prepared } from '../prepare.ts'
import type { LivenessGraph } from './graph.ts'
import { declaredActions } from '../../core/model.ts'
import { HARNESS_STEPS, fairnessName, groupsNaming, undeclaredFairness } from '../../core/fairness.ts'

/** "WF(Deliver), SF(Receive(2b))", or "no fairness". */
export function fairnessSummary(p: Prepared): string {
  if (p.fairness.length === 0) return 'no fairness'
  return p.fairness.map(fairnessName).join(', ')
}

export function livenessWarnings(p: Prepared, g: LivenessGraph): string[] {
  const w: string[] = []
  if (p.fairness.length === 0) {
    w.push('liveness: no fairness declared, so any state may stutter forever and a counterexample will be trivial stuttering; declare weakFair/strongFair in the spec')
  }
  const declared = declaredActions(p.model, p.config)
  // (Names the harness gives its steps: the others are refused before the search, `prepare.ts`.)
  // A harness step (Restart, Drop, ...) missing here is one this configuration's fault budget or
  // network never takes (a spec's `crashes=0`), not a misspelling: said apart, without the guess.
  const listed = p.model.actions !== undefined
  const unknown = listed ? undeclaredFairness(p.fairness, declared, HARNESS_STEPS) : []
  if (unknown.length > 0) {
    w.push(`liveness: ${unknown.join('; ')}: not an action of model ${p.model.name} in this configuration (its actions: ${declared.join(', ')}), so that fairness never applies (a misspelt name?)`)
  }
  const untaken = listed ? groupsNaming(p.fairness, (n) => HARNESS_STEPS.has(n) && !declared.includes(n)) : []
  if (untaken.length > 0) {
    w.push(`liveness: ${untaken.join('; ')}: a step of the network harness that this configuration never takes (its fault budget or network allows none), so that fairness never applies`)
  }
  // A group given by a predicate names no action to compare, nor does a name when the model lists
  // no actions: one that no step of a complete graph matched never applies (a predicate that
  // matches nothing, `weakFair([])`, a misspelt name).
  if (!g.stopReason && g.size > 0) {
    let seen = 0
    for (let i = 0; i < g.enabled.length; i++) seen |= g.enabled.get(i)
    const unchecked = (f: (typeof p.fairness)[number]): boolean => f.names === undefined || f.names.length === 0 || p.model.actions === undefined
    const idle = p.fairness.filter((f, j) => unchecked(f) && (seen & (1 << j)) === 0)
    if (idle.length > 0) {
      w.push(`liveness: ${idle.map(fairnessName).join(', ')} matched no step of the search that changes a state, so it never applies here (a misspelt action name, a predicate that matches nothing, or steps this configuration never takes?)`)
    }
  }
  if (g.cut > 0) {
    w.push(`liveness: the state constraint cut ${g.cut.toLocaleString('en-US')} state${g.cut === 1 ? '' : 's'}: behaviours beyond it are not examined, so 'holds' covers only behaviours inside the constraint (a violation found is real)`)
  }
  if (p.model.view) {
    w.push('liveness: with a view, verdicts are sound only if states with equal views have steps to equal views (a bisimulation) and agree on every predicate checked; the checker verifies the predicates and every step of a lasso (with --debug, also the views of the successors of every two states it merges, not their fairness groups)')
  } else if (p.symmetry) {
    w.push('liveness: under symmetry, verdicts are sound only if every liveness property and fairness group is symmetric (TLC can miss violations under symmetry): properties were checked on every state met, fairness groups on the steps of the first 2,000 states; recheck without symmetry to be sure')
  }
  return w
}
