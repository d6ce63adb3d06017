/**
 * Under symmetry, liveness is decided on one state per orbit, and a step from a representative
 * stands for its renamed copies from the other states of the orbit. That is sound only if every
 * fairness group takes a step exactly when it takes the step's renamed copies: a group for one
 * node (`weakFair((a) => a.node === 'p1')`) is met in the quotient only by p1's steps, so a cycle
 * where p1 and p2 take turns looks unfair to p2's group, and a violated property "held" (a
 * helper's tour: two nodes passing a token). A property that is not symmetric is refused as its
 * states are met (`GraphRecorder.agreesWith`); a fairness group is checked here, before the
 * search, on the steps of the first states (`SAMPLE`): each step's action, renamed by each swap of
 * two neighbouring ids of a group the symmetry permutes in its state (the swaps generate every
 * renaming), must be in the same groups. Groups given
 * by action names are symmetric (a renaming keeps an action's name); a predicate may not be. A
 * symmetry that does not say which ids it permutes (no `canonicalize` call on the whole state)
 * cannot be checked, and keeps the warning every liveness verdict under symmetry carries.
 */
import { actionLabel } from '../../core/action.ts'
import type { Action } from '../../core/action.ts'
import { ModelError, option } from '../../core/errors.ts'
import { fairnessName } from '../../core/fairness.ts'
import type { CheckOptions } from '../../core/options.ts'
import { fingerprint, fp } from '../../state/fingerprint.ts'
import { groupsBy, renameIds } from '../../state/symmetry.ts'
import type { Rename } from '../../state/symmetry.ts'
import type { Prepared } from '../prepare.ts'
import { guardedSetup } from '../step-watchdog.ts'

/** States whose steps are checked. */
export const SAMPLE = 2000

/** The check, on the first `SAMPLE` states a breadth-first search meets (no more than
 * `maxStates`, none past `maxDepth`, the constraint's cut states not expanded), under the step
 * watchdog. */
export function checkFairnessSymmetry(p: Prepared, options: Pick<CheckOptions, 'maxStates' | 'maxDepth' | 'stepTimeoutSeconds'>): void {
  const sym = p.model.symmetry
  if (!p.symmetry || sym === undefined || p.liveness.length === 0) return
  const predicates = p.fairness.filter((f) => f.names === undefined)
  if (predicates.length === 0) return
  const symmetry = (s: unknown): unknown => sym.call(p.model, p.config, s)
  const limit = Math.min(SAMPLE, options.maxStates)
  guardedSetup(options.stepTimeoutSeconds, p.spec.name, 'the check that fairness groups are symmetric', () => {
    const seen = new Set<string>()
    let level: unknown[] = []
    const add = (s: unknown, into: unknown[]): void => {
      fingerprint(s)
      const k = `${fp.hi},${fp.lo}`
      if (seen.has(k) || seen.size >= limit) return
      seen.add(k)
      into.push(s)
    }
    for (const s of p.initStates()) add(s, level)
    for (let depth = 0; level.length > 0 && depth < options.maxDepth; depth++) {
      const next: unknown[] = []
      for (const s of level) {
        if (p.constraint && !p.constraint(s)) continue
        const groups = groupsBy(symmetry, s)
        if (groups === undefined) return
        const swaps = transpositions(groups)
        for (const [a, t] of p.expand(s)) {
          for (const r of swaps) sameGroups(p, predicates, a as Action, r)
          add(t, next)
        }
      }
      level = next
    }
  })
}

/** Each group's swaps of neighbouring ids: they generate every renaming, so a group that every
 * one of them keeps is kept by all (n - 1 renamings per group of n, not n!). */
function transpositions(groups: readonly (readonly string[])[]): { readonly rename: Rename; readonly a: string; readonly b: string }[] {
  const out: { rename: Rename; a: string; b: string }[] = []
  for (const g of groups) {
    for (let i = 0; i + 1 < g.length; i++) {
      const a = g[i] as string
      const b = g[i + 1] as string
      out.push({ rename: (id) => (id === a ? b : id === b ? a : id), a, b })
    }
  }
  return out
}

/** Action `a` and its image under the swap `r` are in the same predicate groups (an action
 * holding what cannot be renamed, a Map, a Set or an Immutable.js value, is skipped: a half
 * renamed copy could look asymmetric). */
function sameGroups(p: Prepared, predicates: Prepared['fairness'], a: Action, r: { readonly rename: Rename; readonly a: string; readonly b: string }): void {
  const b = renameIds(a, r.rename) as Action | undefined
  if (b === undefined) return
  for (const f of predicates) {
    const takes = f.matches(a)
    if (takes === f.matches(b)) continue
    const renamed = `the same step with ${r.a} and ${r.b} swapped`
    throw new ModelError(
      `spec ${p.spec.name}: fairness group ${fairnessName(f)} is not symmetric: it ${takes ? `takes ${actionLabel(a)} but not ${renamed}` : `does not take ${actionLabel(a)} but takes ${renamed}`}, so liveness on one state per orbit could call a fair behaviour unfair (make each group take every node's steps alike, as a group per action name does, or check without ${option('symmetry')})`,
    )
  }
}
