/**
 * Under symmetry, liveness is decided on one state per orbit, and a step from a representative
 * stands for its renamed copies from the other states of the orbit. That is sound only if every
 * fairness group takes a step exactly when it takes the step's renamed copies: a group for one
 * node (`weakFair((a) => a.node === 'p1')`) is met in the quotient only by p1's steps, so a cycle
 * where p1 and p2 take turns looks unfair to p2's group, and a violated property "held" (a
 * helper's tour: two nodes passing a token). A property that is not symmetric is refused as its
 * states are met (`GraphRecorder.agreesWith`); a fairness group is checked here, before the
 * search, on the steps of the first states (`SAMPLE`): each step's action, renamed by every
 * renaming of the ids the symmetry permutes in its state, must be in the same groups. Groups given
 * by action names are symmetric (a renaming keeps an action's name); a predicate may not be. A
 * symmetry that does not say which ids it permutes (no `canonicalize` call on the whole state)
 * cannot be checked, and keeps the warning every liveness verdict under symmetry carries.
 */
import { actionLabel } from '../../core/action.ts'
import type { Action } from '../../core/action.ts'
import { ModelError, option } from '../../core/errors.ts'
import { fairnessName } from '../../core/fairness.ts'
import { fingerprint, fp } from '../../state/fingerprint.ts'
import { groupsBy, renameIds, renamings } from '../../state/symmetry.ts'
import type { Prepared } from '../prepare.ts'

/** States whose steps are checked. */
export const SAMPLE = 2000

export function checkFairnessSymmetry(p: Prepared): void {
  const sym = p.model.symmetry
  if (!p.symmetry || sym === undefined || p.liveness.length === 0) return
  const predicates = p.fairness.filter((f) => f.names === undefined)
  if (predicates.length === 0) return
  const symmetry = (s: unknown): unknown => sym.call(p.model, p.config, s)
  const seen = new Set<string>()
  const queue: unknown[] = []
  const add = (s: unknown): void => {
    fingerprint(s)
    const k = `${fp.hi},${fp.lo}`
    if (seen.has(k) || seen.size >= SAMPLE) return
    seen.add(k)
    queue.push(s)
  }
  for (const s of p.initStates()) add(s)
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]
    const groups = groupsBy(symmetry, s)
    if (groups === undefined) return
    const ids = groups.flat()
    const renames = renamings(groups).slice(1)
    for (const [a, t] of p.expand(s)) {
      for (const r of renames) {
        const b = renameIds(a, r) as Action
        for (const f of predicates) {
          const takes = f.matches(a)
          if (takes === f.matches(b)) continue
          const renamed = `the same step with ${ids.filter((id) => r(id) !== id).map((id) => `${id}↦${r(id)}`).join(', ')}`
          throw new ModelError(
            `spec ${p.spec.name}: fairness group ${fairnessName(f)} is not symmetric: it ${takes ? `takes ${actionLabel(a)} but not ${renamed}` : `does not take ${actionLabel(a)} but takes ${renamed}`}, so liveness on one state per orbit could call a fair behaviour unfair (make each group take every node's steps alike, as a group per action name does, or check without ${option('symmetry')})`,
          )
        }
      }
      add(t)
    }
  }
}
