/**
 * Random model-based testing with fast-check: random behaviours of the model (sequences of enabled
 * steps) are run against the implementation; a divergence is shrunk by fast-check to a short
 * sequence that still fails, and reported with the seed and path that replay it.
 */
import fc from 'fast-check'
import { actionLabel } from '../core/action.ts'
import { UsageError } from '../core/errors.ts'
import { byChoices, byLabels, runActions } from './run-actions.ts'
import type { RunOutcome } from './run-actions.ts'
import type { AnyTarget, Divergence } from './target.ts'
import { refuseIncompleteTarget } from './target.ts'

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
  const arb = fc.tuple(fc.nat({ max: 0xffff }), fc.array(fc.nat({ max: 0xffff }), { maxLength: maxSteps, size: 'max' }))
  let steps = 0
  let firstLength: number | undefined
  const property = fc.asyncProperty(arb, async ([init, choices]) => {
    const o = await runActions(target, init, byChoices(choices))
    steps += o.actions.length
    if (!o.ok && firstLength === undefined) firstLength = o.actions.length
    return o.ok
  })
  const details = await fc.check(property, {
    numRuns: options.numRuns ?? 100,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
  })
  if (details.errorInstance && !details.counterexample) throw details.errorInstance
  if (!details.failed || !details.counterexample) return { ok: true, mode: 'random', runs: details.numRuns, steps }
  const [init, choices] = details.counterexample[0]
  const shrunk = (await runActions(target, init, byChoices(choices))) as Extract<RunOutcome, { ok: false }>
  const o = await removeSteps(target, shrunk)
  return {
    ...o,
    ok: false,
    mode: 'random',
    labels: o.actions.map(actionLabel),
    seed: details.seed,
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
    shrinks: details.numShrinks,
    ...(firstLength !== undefined ? { originalLength: firstLength } : {}),
    // The seed and path replay the failure only with the same behaviours: the same maxSteps.
    ...(options.maxSteps !== undefined ? { maxSteps } : {}),
  }
}

/**
 * fast-check shrinks the choices, and removing a choice re-interprets every later one; so finish
 * by removing single steps by label (the other steps keep their identity), as long as the
 * sequence stays a behaviour of the model and still fails.
 */
async function removeSteps(target: AnyTarget, failed: Extract<RunOutcome, { ok: false }>): Promise<Extract<RunOutcome, { ok: false }>> {
  let best = failed
  for (let changed = true; changed; ) {
    changed = false
    const labels = best.actions.map(actionLabel)
    for (let i = labels.length - 1; i >= 0; i--) {
      const candidate = [...labels.slice(0, i), ...labels.slice(i + 1)]
      let o: RunOutcome
      try {
        o = await runActions(target, best.init, byLabels(candidate))
      } catch {
        continue // not a behaviour of the model
      }
      if (!o.ok && o.actions.length < best.actions.length) {
        best = o
        changed = true
        break
      }
    }
  }
  return best
}

/** Replays a sequence of action labels (e.g. a reported failure) from initial state `init`. */
export async function replayActions(target: AnyTarget, labels: readonly string[], init = 0): Promise<RunOutcome> {
  // (A random run picks its initial state modulo their number; a replay names one: out of range,
  // it replayed from another and reported success.)
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
