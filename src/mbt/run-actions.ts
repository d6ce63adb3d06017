/**
 * Runs one sequence of model steps on a fresh implementation, comparing observations after every
 * step. A sequence is given either as choices (each picks among the enabled steps, modulo their
 * number: every list of numbers is a valid behaviour, which is what lets fast-check shrink freely)
 * or as action labels (replaying a reported failure).
 */
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import { UsageError, errorMessage } from '../core/errors.ts'
import { explainBadValue } from '../state/fingerprint.ts'
import type { Value } from '../core/value.ts'
import { valuesEqual } from '../state/data.ts'
import { diffValues } from '../state/diff.ts'
import { formatChange } from '../trace/text.ts'
import type { AnyTarget, Divergence } from './target.ts'

export type RunOutcome = { readonly ok: true; readonly actions: readonly Action[] } | ({ readonly ok: false } & Divergence)

/** How the next step is picked: from the enabled steps' labels, or undefined to stop; `same(i,
 * j)`: whether enabled steps i and j lead to one state. */
export type Picker = (labels: readonly string[], step: number, same: (i: number, j: number) => boolean) => number | undefined

export const byChoices =
  (choices: readonly number[]): Picker =>
  (labels, step) =>
    step < choices.length && labels.length > 0 ? (choices[step] as number) % labels.length : undefined

/** Follows labels exactly; a label that is not enabled throws (the sequence is not a behaviour),
 * and so does one that names enabled steps leading to different states (which one the sequence
 * meant, a label cannot say: the first replayed another behaviour and passed, a helper's tour). */
export const byLabels =
  (wanted: readonly string[]): Picker =>
  (labels, step, same) => {
    if (step >= wanted.length) return undefined
    const label = wanted[step] as string
    const i = labels.indexOf(label)
    if (i < 0) throw new Error(`step ${step + 1}: ${label} is not enabled in the model (enabled: ${labels.join(', ') || 'none'})`)
    for (let j = i + 1; j < labels.length; j++) {
      if (labels[j] === label && !same(i, j)) throw new Error(`step ${step + 1}: ${label} names enabled steps of the model that lead to different states; labels cannot say which (give them labels of their own)`)
    }
    return i
  }

/** `MbtTarget.stepTimeoutSeconds` when the target gives none. */
const STEP_TIMEOUT_SECONDS = 60

/** A call of the implementation that did not settle in time (`MbtTarget.stepTimeoutSeconds`). */
class Unsettled extends Error {}

/** `value`, awaited, or an `Unsettled` rejection once `seconds` pass (an async call that never
 * settled left the process to exit silently with code 13, or a test to its timeout: a helper's
 * tour). */
async function settled<T>(value: T | Promise<T>, seconds: number, what: string): Promise<T> {
  if (!(value instanceof Promise) || seconds === 0) return value
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Unsettled(`${what} did not settle within ${seconds} s (an implementation call that never returns?)`)), seconds * 1000)
  })
  try {
    return await Promise.race([value, late])
  } finally {
    clearTimeout(timer)
  }
}

/** The message for a call of the implementation that threw or did not settle. */
const failed = (what: string, e: unknown): string => (e instanceof Unsettled ? e.message : `${what} threw: ${errorMessage(e)}`)

export async function runActions(target: AnyTarget, init: number, pick: Picker): Promise<RunOutcome> {
  const { model, config } = target
  const limit = target.stepTimeoutSeconds ?? STEP_TIMEOUT_SECONDS
  const inits = model.init(config)
  let state = inits[init % inits.length]
  const initIndex = init % inits.length
  const actions: Action[] = []
  const fail = (d: Omit<Divergence, 'actions' | 'init' | 'step'>): RunOutcome => ({ ok: false, actions: [...actions], init: initIndex, step: actions.length, ...d })

  let impl: unknown
  try {
    impl = await settled(target.create(state), limit, 'create')
  } catch (e) {
    return fail({ differences: [], error: failed('create', e) })
  }
  let outcome: RunOutcome
  try {
    outcome = await walk()
  } catch (e) {
    await settled(target.dispose?.(impl), limit, 'dispose')
    throw e
  }
  // A dispose that throws is the implementation's failure too, said as the others are (it escaped
  // as a bare error, naming neither dispose nor the run: a helper's tour).
  try {
    await settled(target.dispose?.(impl), limit, 'dispose')
  } catch (e) {
    return outcome.ok ? fail({ differences: [], error: failed('dispose', e) }) : outcome
  }
  return outcome

  async function walk(): Promise<RunOutcome> {
    const first = await compare(target, state, impl, limit)
    if (first) return fail(first)
    for (let step = 0; ; step++) {
      const steps = [...model.next(config, state)]
      const k = pick(
        steps.map(([a]) => actionLabel(a)),
        step,
        (i, j) => valuesEqual((steps[i] as readonly [Action, Value])[1], (steps[j] as readonly [Action, Value])[1]),
      )
      if (k === undefined) return { ok: true, actions }
      const [action, nextState] = steps[k] as readonly [Action, unknown]
      actions.push(action)
      try {
        await settled(target.apply(impl, action), limit, `apply(${actionLabel(action)})`)
      } catch (e) {
        return fail({ differences: [], error: failed(`apply(${actionLabel(action)})`, e) })
      }
      state = nextState
      const d = await compare(target, state, impl, limit)
      if (d) return fail(d)
    }
  }
}

async function compare(target: AnyTarget, state: unknown, impl: unknown, limit: number): Promise<Omit<Divergence, 'actions' | 'init' | 'step'> | undefined> {
  const expected = target.observeModel(state)
  let actual: Value
  try {
    actual = await settled(target.observeImpl(impl), limit, 'observeImpl')
  } catch (e) {
    return { expected, differences: [], error: failed('observeImpl', e) }
  }
  // Observations are compared by value: a Set, a Map or undefined would compare as something else.
  plainObservation('observeModel', expected)
  plainObservation('observeImpl', actual)
  if (valuesEqual(expected, actual)) return undefined
  return { expected, actual, differences: diffValues(expected, actual).map((c) => formatChange(c)) }
}

/** An observation that is not plain data is a mistake in the test's target, not a divergence. */
function plainObservation(where: string, v: unknown): void {
  let bad: ReturnType<typeof explainBadValue>
  try {
    bad = explainBadValue(v)
  } catch (e) {
    // A cycle (an object that holds itself) recurses until the stack runs out.
    if (e instanceof RangeError) throw new UsageError(`model-based testing: ${where}: its observation holds itself (a cycle) or is nested too deeply to compare; observations are plain data (records, arrays, strings, numbers, booleans, null)`)
    throw e
  }
  if (bad) throw new UsageError(`model-based testing: ${where}: ${bad.message.replace(/^state/, 'its observation').replace(/ \(states hold plain data only\)$/, '')}; observations are compared as plain data (records, arrays, strings, numbers, booleans, null)`)
}
