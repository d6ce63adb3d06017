/**
 * How sleep sets name a step: by its action's value. The sequential frontier (`sleep-sets.ts`)
 * compares action objects first, then their keys; the keyed one (`keyed-sleep.ts`, worker threads
 * and processes) their keys. Either way a state may not have two steps with one action: a step asleep put the other
 * to sleep too, and the states only it reaches were lost without a word (a helper's tour: a step
 * choosing a value its action did not hold, 16 of 1,352 states and two violations gone, on one
 * thread when the two steps shared an object, on several when they shared a value).
 * `Model.footprint` asks for it; `ActionChecks` checks it on the first states a search expands
 * (every state with --debug), as `CommuteChecks` does the footprints.
 *
 * A model that gives one step a new action object in each state pays for hashing each one; the
 * actor harness keeps one object per delivered message and local step where it can (its tables
 * are caches), so its steps are mostly found by identity.
 */
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import { ModelError, option } from '../core/errors.ts'
import { fingerprint, fp, lanes, partHash } from '../state/fingerprint.ts'
import { ASLEEP } from '../core/model.ts'
import type { Step } from './prepare.ts'

let keys = new WeakMap<object, readonly [number, number]>()
/** This thread's action objects by their keys' first lane, so that a sleep set's entries name the
 * model's own actions (`actionOf`); both tables start afresh past `KNOWN_MAX` actions (an action
 * met again is keyed and known again). */
let known = new Map<number, Action>()
const KNOWN_MAX = 1 << 16

/** The key of action `a` (its hash lanes), remembered per action object. */
export function keyOf(a: Action): readonly [number, number] {
  let k = keys.get(a)
  if (k === undefined) {
    partHash(a)
    k = [lanes.a, lanes.b]
    if (known.size >= KNOWN_MAX) {
      known = new Map()
      keys = new WeakMap()
    }
    keys.set(a, k)
    known.set(k[0], a)
  }
  return k
}

/** Two actions with one key (the same step, named by value: across threads, or by a model that
 * makes a new action object in each state). */
export function sameKey(a: Action, b: Action): boolean {
  const x = keyOf(a)
  const y = keyOf(b)
  return x[0] === y[0] && x[1] === y[1]
}

/** This thread's action with key (ka, kb), if it has met it. */
export function actionOf(ka: number, kb: number): Action | undefined {
  const a = known.get(ka)
  return a !== undefined && (keys.get(a) as readonly [number, number])[1] === kb ? a : undefined
}

/** Expansions whose steps `ActionChecks` checks without --debug. */
export const ACTION_CHECKS = 1000

/** Checks the steps of the first `ACTION_CHECKS` states a search (or one thread or process of
 * it) expands, of every state with --debug: no two with one action, by value (two objects with
 * one value are one step for the keyed frontier). */
export class ActionChecks {
  private left = ACTION_CHECKS
  private readonly seen = new Map<number, number>()

  constructor(private readonly debug: boolean) {}

  /** Checks `steps` if this expansion is one to check. */
  check(steps: readonly Step[]): void {
    if (!this.debug) {
      if (this.left <= 0) return
      this.left--
    }
    const hint = this.debug ? '' : ` (found by the check of the first ${ACTION_CHECKS.toLocaleString('en-US')} states of a ${option('por')} search; ${option('debug')} checks all)`
    const seen = this.seen
    seen.clear()
    for (let j = 0; j < steps.length; j++) {
      const [a, t] = steps[j] as Step
      const [ka, kb] = keyOf(a)
      const other = seen.get(ka)
      // Two steps with one action to one state are one step, twice (a role's parameters listing a
      // value twice): nothing is lost when it sleeps.
      if (other !== undefined && keyOf((steps[other] as Step)[0])[1] === kb && !sameTarget(t, (steps[other] as Step)[1])) {
        throw new ModelError(
          `partial-order reduction: two steps of one state have the action ${actionLabel(a)} and lead to different states: the reduction names a step by its action, so each step needs its own (put what the step chooses into its action)${hint}`,
        )
      }
      seen.set(ka, j)
    }
  }
}

/** Whether two steps' targets are one state (by fingerprint; a target left uncomputed, asleep, is
 * taken to be: its step sleeps with the other). */
function sameTarget(t: unknown, u: unknown): boolean {
  if (t === u || t === ASLEEP || u === ASLEEP) return true
  fingerprint(t)
  const { hi, lo } = fp
  fingerprint(u)
  return fp.hi === hi && fp.lo === lo
}
