/**
 * Replays a stored trace against today's model, step by step by action label (and action value):
 *
 * - `reproduces`: every recorded step is still a step of the model, reaching the recorded state,
 *   and the recorded violation still happens: an `always` property is false in the last state; a
 *   deadlock is still a state without successors; for a lasso the last state still leads back to
 *   the loop's first state (or, when the loop is that state alone, stutters there: no fair action
 *   changes it) and the liveness property is still false along the lasso. The loop must be fair
 *   under today's fairness: a stutter where no fair action changes the state, else a loop that
 *   takes every weakly fair group enabled in all its states and every strongly fair one enabled
 *   in one of them (`unfairGroup`).
 * - `diverges` at step k: the initial state differs, the recorded action is not enabled, it leads
 *   to a different state (the difference is given by path), or the last state no longer violates
 *   the property.
 * - `variables-changed`: the model's state has other variables than the trace (which ones).
 *
 * States and actions are compared as plain data read back from ITF (today's through `toPlain`,
 * the recorded ones as parsed), so key order, the number/bigint distinction ITF cannot keep, and
 * how a value was written (`#set` or list, `None` or JSON `null` in older traces) do not matter.
 */
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import { UsageError } from '../core/errors.ts'
import { fairnessName } from '../core/fairness.ts'
import { resolveOptions } from '../core/options.ts'
import type { Property } from '../core/property.ts'
import type { AnySpec, Params } from '../core/spec.ts'
import type { TraceStep } from '../core/result.ts'
import { statesText } from '../core/result.ts'
import type { Value } from '../core/value.ts'
import type { Prepared } from '../explore/prepare.ts'
import { prepare } from '../explore/prepare.ts'
import { evaluate, preview } from '../explore/sink.ts'
import type { Change } from '../state/diff.ts'
import { diffValues } from '../state/diff.ts'
import { valuesEqual } from '../state/data.ts'
import { toPlain } from './format-value.ts'
import type { StoredTrace } from './itf.ts'
import { formatChange } from './text.ts'

export type DivergeReason =
  | 'init-differs'
  | 'not-enabled'
  | 'different-state'
  | 'property-holds'
  | 'not-deadlocked'
  | 'loop-open'
  | 'loop-unfair'
  | 'property-missing'

export type ReplayOutcome =
  | { readonly kind: 'reproduces'; readonly property: string; readonly steps: number; readonly detail: string }
  | {
      readonly kind: 'diverges'
      /** The step number (1 = the initial state) where the trace and the model part ways. */
      readonly step: number
      readonly reason: DivergeReason
      readonly message: string
      /** Recorded → today's model, by path, when a state differs. */
      readonly changes?: readonly Change[]
      /** Labels of the steps enabled today, when the recorded one is not. */
      readonly enabled?: readonly string[]
    }
  | { readonly kind: 'variables-changed'; readonly added: readonly string[]; readonly removed: readonly string[] }

export interface ReplayOptions {
  /** Parameter overrides; default: the ones recorded in the trace. */
  readonly params?: Params
}

export function replayTrace(spec: AnySpec, stored: StoredTrace, options: ReplayOptions = {}): ReplayOutcome {
  const propName = stored.origin.property
  if (propName === undefined) throw new UsageError('the trace does not name the property it violates (#meta.property)')
  // A lasso found under symmetry closes up to a renaming (`--symmetry` is not the spec's own, so
  // the trace says so): replayed under it while the model still has one. A safety trace or a
  // deadlock needs none (its states are compared as they are), nor a model that lost it.
  const underSymmetry = stored.origin.symmetry === true && stored.trace.loopStart !== undefined && spec.model.symmetry !== undefined && spec.model.view === undefined
  const p = prepare(spec, resolveOptions({ params: options.params ?? stored.origin.params ?? {}, ...(underSymmetry ? { symmetry: true } : {}) }))
  const n = stored.trace.steps.length
  if (n === 0) throw new UsageError('the trace has no states')

  const inits = p.initStates()
  if (!stored.stateIsValue) {
    // Against the recorded initial state's variables: a trace's `vars` are every state's, and a
    // model whose later states gain a field was refused the trace it had just written.
    const first = (stored.trace.steps[0] as TraceStep).state
    const recordedVars = typeof first === 'object' && first !== null && !Array.isArray(first) ? Object.keys(first) : stored.vars
    const changed = variablesChanged(recordedVars, inits[0])
    if (changed) return changed
  }
  const recorded = (i: number): Value => (stored.trace.steps[i] as TraceStep).state as Value
  const isRecorded = (s: unknown, i: number): boolean => valuesEqual(toPlain(s), recorded(i))

  let state = inits.find((s) => isRecorded(s, 0))
  if (state === undefined) {
    return {
      kind: 'diverges',
      step: 1,
      reason: 'init-differs',
      message: `step 1: the initial state differs from the recorded one${inits.length > 1 ? ` (compared with the first of ${inits.length} initial states)` : ''}`,
      changes: stateChanges(stored, 0, inits[0]),
    }
  }
  const replayed: unknown[] = [state]
  const taken: Action[] = [] // taken[i]: the action of step i (into state i), from 1
  for (let i = 1; i < n; i++) {
    const label = stored.labels[i]
    // Only a trace of ours records the whole action; another tool's gives a label to match, or
    // the action rebuilt from its `mbt::` variables, whose parameters come in the variables'
    // (alphabetical) order, not the model's: that one is matched by value, whatever its label.
    const recordedAction = stored.itfActions[i] != null ? (stored.trace.steps[i]?.action as unknown as Value) : undefined
    const rebuilt = recordedAction === undefined ? (stored.trace.steps[i]?.action as unknown as Value | null | undefined) : undefined
    const succ = p.expand(state)
    const same = succ.filter(([a]) =>
      recordedAction !== undefined
        ? actionLabel(a) === label && valuesEqual(toPlain(a), recordedAction)
        : actionLabel(a) === label || (rebuilt != null && valuesEqual(toPlain(a), rebuilt)),
    )
    if (same.length === 0) {
      const enabled = [...new Set(succ.map(([a]) => actionLabel(a)))]
      // The label is enabled but not the recorded action's value: the two disagree (a trace
      // edited by hand, or a model whose labels leave out what tells its actions apart).
      const labelOnly = recordedAction !== undefined && typeof label === 'string' && enabled.includes(label)
      return {
        kind: 'diverges',
        step: i + 1,
        reason: 'not-enabled',
        message: labelOnly
          ? `step ${i + 1}: ${label} is enabled, but not as recorded: no enabled step has the recorded action ${preview(recordedAction, 120)} (the recorded action and its label disagree)`
          : `step ${i + 1}: ${label ?? '(no action recorded)'} is not enabled${enabled.length ? ` (enabled: ${list(enabled)})` : ' (no step is enabled)'}`,
        enabled,
      }
    }
    const hit = same.find(([, s]) => isRecorded(s, i))
    if (!hit) {
      return {
        kind: 'diverges',
        step: i + 1,
        reason: 'different-state',
        message: `step ${i + 1}: ${label} leads to a different state than recorded`,
        changes: stateChanges(stored, i, (same[0] as readonly [Action, unknown])[1]),
      }
    }
    state = hit[1]
    replayed.push(state)
    taken[i] = hit[0] as Action
  }
  return finalCheck(p, stored, propName, replayed, isRecorded, taken)
}

function finalCheck(
  p: Prepared,
  stored: StoredTrace,
  propName: string,
  replayed: readonly unknown[],
  isRecorded: (s: unknown, i: number) => boolean,
  taken: readonly Action[],
): ReplayOutcome {
  const n = replayed.length
  const last = replayed[n - 1]
  const ok = (detail: string): ReplayOutcome => ({ kind: 'reproduces', property: propName, steps: n, detail })
  const fail = (reason: DivergeReason, message: string): ReplayOutcome => ({ kind: 'diverges', step: n, reason, message })

  if (stored.origin.propertyKind === 'deadlock' || (propName === 'Deadlock' && !p.properties.some((q: Property<unknown, unknown>) => q.name === propName))) {
    const succ = p.expand(last)
    return succ.length === 0
      ? ok(`step ${n} still has no successor (deadlock)`)
      : fail('not-deadlocked', `step ${n} is no longer a deadlock: ${list(succ.map(([a]) => actionLabel(a)))} enabled`)
  }
  const prop = p.properties.find((q: Property<unknown, unknown>) => q.name === propName) as Property<unknown, unknown> | undefined
  if (!prop) {
    return fail('property-missing', `the model has no property ${propName} any more (it has: ${list(p.properties.map((q: Property<unknown, unknown>) => q.name))})`)
  }
  // Properties are evaluated on today's model's own states (equal to the recorded ones in ITF form).
  const c = p.config
  const loop = stored.trace.loopStart
  switch (prop.kind) {
    case 'always':
      return evaluate(p.model.name, prop.name, prop.holds, c, last)
        ? fail('property-holds', `${propName} holds at step ${n} now: the recorded violation is gone`)
        : ok(`${propName} is still violated at step ${n}`)
    case 'sometimes':
      return fail('property-holds', `${propName} is a 'sometimes' property: a trace reaching it is a witness, not a counterexample`)
    default: {
      if (loop === undefined) return fail('loop-open', `${propName} is a liveness property but the trace is not a lasso`)
      // A lasso found through a view (or symmetry) closes modulo that view: the state after the
      // last step has the loop start's fingerprint, not necessarily its raw value.
      const f = { hi: 0, lo: 0 }
      const viewKey = (s: unknown): string => {
        p.fingerprintOf(s, null, f)
        return `${f.hi}:${f.lo}`
      }
      const loopKey = viewKey(replayed[loop])
      const succ = p.expand(last)
      // A loop on the last state alone is stuttering there forever, which fairness allows where no
      // fair group has a step that changes the state (as the checker's lassos say). A step back to
      // the very same state is a stutter too (TLA+'s <A>_vars), not a step that closes the loop.
      const alone = loop === n - 1
      const fairStep = alone ? succ.find(([a, s]) => !isRecorded(s, n - 1) && p.fairness.some((f) => f.matches(a as Action))) : undefined
      const stutters = alone && fairStep === undefined
      const closing = succ.filter(([, s]) => !(alone && isRecorded(s, n - 1)) && (isRecorded(s, loop) || viewKey(s) === loopKey))
      const closes = stutters || closing.length > 0
      if (!closes && fairStep) {
        return fail('loop-open', `step ${n} can no longer stutter forever: ${actionLabel(fairStep[0] as Action)}, a fair action, is enabled there and changes it`)
      }
      if (!closes) return fail('loop-open', `step ${n} no longer leads back to step ${loop + 1}: the loop does not close`)
      // Repeated forever, the loop must be fair under today's fairness, with one of the steps that
      // close it: a weakly fair group enabled in every state of the loop, or a strongly fair one
      // enabled in one, is taken in it. (A search under other fairness found it.)
      if (!stutters) {
        // What each state of the loop enables (steps that change it), once for every closing step.
        const enabled = replayed.slice(loop).map((s, j) => p.expand(s).filter(([, t]) => !isRecorded(t, loop + j)).map(([a]) => a as Action))
        const unfair = closing.map(([a]) => unfairGroup(p, enabled, [...taken.slice(loop + 1), a as Action], loop))
        if (unfair.every((u) => u !== undefined)) return fail('loop-unfair', `the loop from step ${loop + 1} is no longer fair: ${unfair[0]}, so a fair behaviour leaves it`)
      }
      const bad = livenessViolated(p.model.name, prop, c, replayed, loop)
      const how = stutters ? `the behaviour still stutters forever in step ${n} (no fair action changes it)` : `the loop from step ${loop + 1} still closes, fair,`
      return bad
        ? ok(`${how} and ${propName} is still violated along it`)
        : fail('property-holds', `the loop still closes but ${propName} now holds along it`)
    }
  }
}

/**
 * The first fairness group a loop (repeated forever, by the steps `steps`, the last one closing
 * it; from step `loop + 1`) does not meet, said as why; undefined when it meets every one.
 * `enabledAt[j]`: the actions of the steps that change the loop's j-th state (a group is enabled
 * where one of its steps changes the state: TLA+'s ⟨A⟩_vars).
 */
function unfairGroup(p: Prepared, enabledAt: readonly (readonly Action[])[], steps: readonly Action[], loop: number): string | undefined {
  for (const f of p.fairness) {
    if (steps.some((a) => f.matches(a))) continue
    const on = enabledAt.map((as) => as.some((a) => f.matches(a)))
    const name = fairnessName(f)
    if (f.kind === 'weak' && on.every(Boolean)) return `${name} is enabled in every state of it and never taken`
    if (f.kind === 'strong' && on.some(Boolean)) return `${name} is enabled at step ${loop + 1 + on.indexOf(true)} and never taken`
  }
  return undefined
}

/** Is the lasso `states[0..n-1]`, looping back to `loop`, a counterexample to `prop`? */
export function livenessViolated(model: string, prop: Property<unknown, unknown>, c: unknown, states: readonly unknown[], loop: number): boolean {
  const n = states.length
  switch (prop.kind) {
    case 'eventually':
      return states.every((s) => !evaluate(model, prop.name, prop.holds, c, s))
    case 'alwaysEventually':
      return states.slice(loop).every((s) => !evaluate(model, prop.name, prop.holds, c, s))
    case 'leadsTo':
      // From a `from` state at i, the behaviour visits states[min(i, loop)..n-1] forever after.
      for (let i = 0; i < n; i++) {
        if (!evaluate(model, `${prop.name} (from)`, prop.from, c, states[i])) continue
        const to = (s: unknown): boolean => evaluate(model, `${prop.name} (to)`, prop.to, c, s)
        if (states.slice(i).every((s) => !to(s)) && states.slice(Math.min(i, loop)).every((s) => !to(s))) return true
      }
      return false
    default:
      return false
  }
}

function variablesChanged(vars: readonly string[], init: unknown): ReplayOutcome | undefined {
  if (typeof init !== 'object' || init === null || Array.isArray(init)) return undefined
  const now = Object.keys(init)
  const added = now.filter((v) => !vars.includes(v))
  const removed = vars.filter((v) => !now.includes(v))
  return added.length || removed.length ? { kind: 'variables-changed', added, removed } : undefined
}

/** Recorded state i → today's state, by path. */
function stateChanges(stored: StoredTrace, i: number, today: unknown): Change[] {
  return diffValues((stored.trace.steps[i] as TraceStep).state as Value, toPlain(today))
}

const list = (xs: readonly string[], max = 8): string =>
  xs.length > max ? `${xs.slice(0, max).join(', ')}, … (${xs.length} in all)` : xs.join(', ')

/** The outcome as the CLI prints it (first line: the verdict). */
export function formatReplayOutcome(o: ReplayOutcome, traceName = 'the trace'): string {
  switch (o.kind) {
    case 'reproduces':
      return `still reproduces: ${traceName} replays on today's model (${statesText(o.steps)}); ${o.detail}\n`
    case 'variables-changed': {
      const parts = [
        o.added.length ? `added ${o.added.join(', ')}` : '',
        o.removed.length ? `removed ${o.removed.join(', ')}` : '',
      ].filter(Boolean)
      return `the model's variables changed: ${parts.join('; ')} (the trace cannot be replayed)\n`
    }
    case 'diverges': {
      const lines = [`no longer reproduces at step ${o.step}: ${o.message.replace(/^step \d+: /, '')}`]
      if (o.changes && o.changes.length > 0) {
        lines.push('  recorded → today:')
        for (const c of o.changes) lines.push(`    ${formatChange(c, 300)}`)
      }
      return `${lines.join('\n')}\n`
    }
  }
}
