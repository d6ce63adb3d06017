/**
 * Random model-based testing with fast-check: random behaviours of the model (sequences of enabled
 * steps) are run against the implementation; a divergence is shrunk by fast-check to a short
 * sequence that still fails, and reported with the seed and path that replay it.
 */
import fc from 'fast-check'
import { actionLabel } from '../core/action.ts'
import { UsageError } from '../core/errors.ts'
import { byChoices, byLabels, runActions } from './run-actions.ts'
import type { Picker, RunOutcome } from './run-actions.ts'
import type { AnyTarget, Divergence } from './target.ts'
import { refuseIncompleteTarget } from './target.ts'
import type { Nondeterminism } from './unreproduced.ts'
import { sameFailure, unreproduced } from './unreproduced.ts'

export interface RandomOptions {
  /** Behaviours to try (default 100). */
  readonly numRuns?: number
  /** Steps per behaviour at most (default 30; lengths are drawn uniformly up to it). A behaviour
   * also ends where the model has no enabled step. */
  readonly maxSteps?: number
  /** fast-check seed; default: random (reported on failure). */
  readonly seed?: number
  /** fast-check replay path, with the seed of a reported failure. */
  readonly path?: string
}

export type MbtResult =
  | { readonly ok: true; readonly mode: 'random' | 'exhaustive'; readonly runs: number; readonly steps: number }
  | ({
      readonly ok: false
      readonly mode: 'random' | 'exhaustive'
      readonly labels: readonly string[]
      /** Random mode: how to replay the failure (`{ seed, path }`) and how much shrinking happened. */
      readonly seed?: number
      readonly path?: string
      readonly shrinks?: number
      /** Random mode: the length of the failing behaviour first found, before shrinking. */
      readonly originalLength?: number
      /** Random mode: the `maxSteps` the run was given, which its seed and path need again. */
      readonly maxSteps?: number
      /** Present when the reported sequence, run again on a fresh implementation, did not fail the
       * same way: the implementation is nondeterministic, or `create` does not reset all of it. */
      readonly nondeterministic?: Nondeterminism
    } & Divergence)

export async function checkImplementation(target: AnyTarget, options: RandomOptions = {}): Promise<MbtResult> {
  refuseIncompleteTarget('checkImplementation', target)
  wholeAtLeast('checkImplementation', 'numRuns', options.numRuns, 1)
  wholeAtLeast('checkImplementation', 'maxSteps', options.maxSteps, 0)
  // fast-check builds each run's list of choices whole: a billion ran the process out of memory.
  if (options.maxSteps !== undefined && options.maxSteps > MAX_STEPS) throw new UsageError(`checkImplementation: maxSteps ${options.maxSteps}: at most ${MAX_STEPS.toLocaleString('en-US')} steps a run`)
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new UsageError(`checkImplementation: seed ${String(options.seed)}: expected a whole number`)
  // A path replays a run of one seed: without it the path ran under a random seed, an unrelated
  // result; a malformed one was fast-check's own message (a helper's tour).
  if (options.path !== undefined) {
    if (options.seed === undefined) throw new UsageError(`checkImplementation: path ${String(options.path)}: give the seed it was reported with too`)
    if (typeof options.path !== 'string' || !/^\d+(:\d+)*$/.test(options.path)) throw new UsageError(`checkImplementation: path ${String(options.path)}: expected the reported path, numbers joined by ':' (such as 0:1:1)`)
  }
  const maxSteps = options.maxSteps ?? 30
  const inits = target.model.init(target.config).length
  if (inits === 0) throw new UsageError(`checkImplementation: model ${target.model.name}: init returned no state, so there is no behaviour to run`)
  // A behaviour is its choices, then the index of its initial state. fast-check shrinks a tuple's
  // parts in order: with the initial state first, a failing walk moved to initial state 0 wherever
  // its long choices failed there too, and shrank from there. Now a walk keeps its initial state
  // while its steps shrink, and lower ones are tried with the shortened steps (`fromOtherInits`
  // then tries the rest). The index is drawn in range (it was taken modulo the number of initial
  // states), so each shrink of it names another one.
  const arb = fc.tuple(fc.array(fc.nat({ max: 0xffff }), { maxLength: maxSteps, size: 'max' }), fc.nat({ max: Math.max(0, inits - 1) }))
  let steps = 0
  let firstLength: number | undefined
  // fast-check's counterexample is the last value that failed: this is how its run went.
  let lastFailure: Divergence | undefined
  const property = fc.asyncProperty(arb, async ([choices, init]) => {
    const o = await runActions(target, init, byChoices(choices))
    steps += o.actions.length
    if (!o.ok) {
      if (firstLength === undefined) firstLength = o.actions.length
      lastFailure = o
    }
    return o.ok
  })
  const details = await fc.check(property, {
    numRuns: options.numRuns ?? 100,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
  })
  if (details.errorInstance && !details.counterexample) throw details.errorInstance
  if (!details.failed || !details.counterexample) return { ok: true, mode: 'random', runs: details.numRuns, steps }
  const [choices, init] = details.counterexample[0]
  // Run once more on a fresh implementation (a property that threw, such as an observation that is
  // not plain data, throws here again), and compare with the run fast-check saw fail.
  const again = await runActions(target, init, byChoices(choices))
  if (lastFailure === undefined) throw details.errorInstance ?? new Error('checkImplementation: fast-check reported a failure that no run had')
  const found = {
    mode: 'random' as const,
    seed: details.seed,
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
    shrinks: details.numShrinks,
    ...(firstLength !== undefined ? { originalLength: firstLength } : {}),
    // The seed and path replay the failure only with the same behaviours: the same maxSteps.
    ...(options.maxSteps !== undefined ? { maxSteps } : {}),
  }
  const report = (o: Divergence, nondeterministic?: Nondeterminism): MbtResult => ({ ...o, ok: false, labels: o.actions.map(actionLabel), ...found, ...(nondeterministic ? { nondeterministic } : {}) })
  if (!sameFailure(lastFailure, again)) return report(lastFailure, { replay: again })
  const shrunk = await removeSteps(target, await fromOtherInits(target, { failed: again, pick: byChoices(choices) }, choices, inits))
  // A shorter sequence than the one just replayed ran only once: replay it too.
  return report(shrunk.failed, shrunk.failed === again ? undefined : await unreproduced(target, shrunk.failed, shrunk.pick))
}

/** A failing run and the picker that chose its steps (which replays it: labels can be ambiguous). */
interface Found {
  readonly failed: Failed
  readonly pick: Picker
}

type Failed = Extract<RunOutcome, { ok: false }>

/**
 * fast-check shrinks the initial state only toward 0, and only after the steps: a walk that first
 * failed from initial state 0 is shrunk there, though the same bug may be closer to another. So
 * the shrunk choices are run from each other initial state too (the first OTHER_INITS), keeping a
 * failure that comes in fewer steps. A cheap try, not a search: a shorter route from another
 * initial state that these choices do not take is still missed (exhaustive mode finds it).
 */
async function fromOtherInits(target: AnyTarget, found: Found, choices: readonly number[], inits: number): Promise<Found> {
  let best = found
  for (let i = 0, tried = 0; i < inits && tried < OTHER_INITS; i++) {
    if (i === found.failed.init) continue
    tried++
    const pick = byChoices(choices)
    const o = await runActions(target, i, pick)
    if (!o.ok && o.actions.length < best.failed.actions.length) best = { failed: o, pick }
  }
  return best
}

/** How many other initial states `fromOtherInits` tries (each a run of the shrunk length at most). */
const OTHER_INITS = 100

/**
 * fast-check shrinks the choices, and removing a choice re-interprets every later one; so finish
 * by removing single steps by label (the other steps keep their identity), as long as the
 * sequence stays a behaviour of the model and still fails.
 */
async function removeSteps(target: AnyTarget, found: Found): Promise<Found> {
  let best = found
  for (let changed = true; changed; ) {
    changed = false
    const labels = best.failed.actions.map(actionLabel)
    for (let i = labels.length - 1; i >= 0; i--) {
      const pick = byLabels([...labels.slice(0, i), ...labels.slice(i + 1)])
      let o: RunOutcome
      try {
        o = await runActions(target, best.failed.init, pick)
      } catch {
        continue // not a behaviour of the model
      }
      if (!o.ok && o.actions.length < best.failed.actions.length) {
        best = { failed: o, pick }
        changed = true
        break
      }
    }
  }
  return best
}

/** Replays a sequence of action labels (e.g. a reported failure) from initial state `init`. */
export async function replayActions(target: AnyTarget, labels: readonly string[], init = 0): Promise<RunOutcome> {
  // (Out of range, the index was taken modulo the number of initial states: it replayed from
  // another and reported success.)
  refuseIncompleteTarget('replayActions', target)
  const n = target.model.init(target.config).length
  if (!Number.isInteger(init) || init < 0 || init >= n) throw new UsageError(`replayActions: initial state ${String(init)}: the model has ${n} (0 to ${n - 1})`)
  return runActions(target, init, byLabels(labels))
}

/** The longest run `checkImplementation` makes (each run's choices are a list built whole). */
const MAX_STEPS = 1_000_000

/** An option that must be a whole number of at least `min`, when given: anything else is a usage error. */
export function wholeAtLeast(fn: string, name: string, v: number | undefined, min: number): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= min)) throw new UsageError(`${fn}: ${name} ${String(v)}: expected a whole number, at least ${min}`)
}
