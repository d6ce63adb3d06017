/**
 * Counterexample minimisation. (The causal view of a trace is `trace/causal-view.ts`.)
 *
 * `minimizeTrace`: BFS already reports a shortest counterexample; DFS and simulation do not. From a
 * trace that violates an `always` property (or deadlocks), delta debugging (Zeller's ddmin) over
 * the action sequence removes chunks of steps, re-executing the rest by action label from the
 * trace's initial state (a label no longer enabled falls back to the same action with other
 * parameters); a candidate is kept when every step is still enabled and the property is
 * still violated (the trace is cut at the first violating state). Then shortcuts: where a later
 * state is one step from an earlier one, or equal to it, jump there (this reorders, which removal
 * cannot). Both repeat until neither shortens. The result is 1-minimal (no single step can be
 * removed) but not always a shortest counterexample: that takes BFS.
 */
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import { ModelError, UsageError } from '../core/errors.ts'
import { resolveOptions } from '../core/options.ts'
import type { Property } from '../core/property.ts'
import type { Trace, TraceStep } from '../core/result.ts'
import type { AnySpec, Params } from '../core/spec.ts'
import { fingerprintHex } from '../state/fingerprint.ts'
import type { Prepared } from './prepare.ts'
import { prepare } from './prepare.ts'

export interface MinimizeOptions {
  /** Parameter overrides the trace was found with. */
  readonly params?: Params
  /** Steps re-executed in all (default 5,000,000, a few seconds): 1-minimality costs a number of
   * re-executions quadratic in the length of a trace that is nearly minimal already. Past the
   * budget, the shortest trace found so far is returned, with `complete: false`. */
  readonly maxSteps?: number
  /** Seconds in all (default 30), likewise. */
  readonly timeLimitSeconds?: number
  /** `minimizeTraceAsync` only: aborting it returns the shortest trace so far at once. */
  readonly signal?: AbortSignal
}

export interface Minimized {
  readonly trace: Trace
  /** Candidate sequences re-executed. */
  readonly tests: number
  /** False when the budget or an abort ended the search: shorter, maybe not 1-minimal. */
  readonly complete: boolean
}

/** A shorter (1-minimal) trace of the same violation of `property` (`'Deadlock'` for deadlocks). */
export function minimizeTrace(spec: AnySpec, trace: Trace, property: string, options: MinimizeOptions = {}): Minimized {
  const m = minimizer(spec, trace, property, options)
  while (!m.search.next().done && !m.overBudget());
  return m.result()
}

/** `minimizeTrace` that yields to the event loop every ~50 ms, so a SIGINT (`signal`) is served. */
export async function minimizeTraceAsync(spec: AnySpec, trace: Trace, property: string, options: MinimizeOptions = {}): Promise<Minimized> {
  const m = minimizer(spec, trace, property, options)
  let lastYield = performance.now()
  while (!m.search.next().done && !m.overBudget()) {
    if (performance.now() - lastYield >= 50) {
      await new Promise((r) => setImmediate(r))
      lastYield = performance.now()
      if (options.signal?.aborted) break
    }
  }
  return m.result()
}

/** The search as a generator that yields after every re-executed candidate, with its budget. */
function minimizer(spec: AnySpec, trace: Trace, property: string, options: MinimizeOptions) {
  if (trace.loopStart !== undefined) throw new UsageError('minimizeTrace: lassos (liveness counterexamples) are not minimised; use BFS for a shortest one')
  const p = prepare(spec, resolveOptions({ params: options.params ?? {} }))
  const violated = violation(p, property)
  const first = trace.steps[0]
  if (!first) throw new UsageError('minimizeTrace: the trace has no states')
  const initKey = fingerprintHex(first.state)
  const init = p.initStates().find((s) => fingerprintHex(s) === initKey)
  if (init === undefined) throw new ModelError(`minimizeTrace: the trace's first state is not an initial state of model ${p.model.name}`)
  const maxSteps = options.maxSteps ?? 5_000_000
  const deadline = performance.now() + 1000 * (options.timeLimitSeconds ?? 30)

  let tests = 0
  let executed = 0
  let done = false
  /** Re-executes `labels`; the steps up to the first violating state, or undefined. */
  const run = (labels: readonly string[]): TraceStep[] | undefined => {
    tests++
    const steps: TraceStep[] = [{ action: null, state: init }]
    let state: unknown = init
    if (violated(state)) return keep(steps)
    for (const label of labels) {
      if (p.constraint && !p.constraint(state)) return undefined
      executed++
      const succ = p.expand(state)
      // The step with this label; failing that, one of the same action with other parameters
      // (`Write(r1, 2)` for `Write(r1, 1)` once the first write is gone), as fast-check shrinks
      // values as well as lists. Re-execution keeps every candidate a behaviour of the model.
      const step = succ.find(([a]) => actionLabel(a) === label) ?? succ.find(([a]) => a.name === nameOf(label))
      if (!step) return undefined
      state = step[1]
      steps.push({ action: step[0], state })
      if (violated(state)) return keep(steps)
    }
    return undefined
  }
  const labelsOf = (steps: readonly TraceStep[]) => steps.slice(1).map((s) => actionLabel(s.action as Action))

  let best: TraceStep[] | undefined
  if (!run(labelsOf(trace.steps))) throw new UsageError(`minimizeTrace: the trace does not violate ${property} when re-executed on model ${p.model.name}`)
  /** The shortest violating run so far: what a stopped search returns. */
  function keep(steps: TraceStep[]): TraceStep[] {
    if (!best || steps.length < best.length) best = steps
    return steps
  }
  function* search(): Generator<void, void, void> {
    for (;;) {
      yield* ddmin(best!, run, labelsOf)
      const shorter = yield* shortcut(p, best!, run, labelsOf)
      if (!shorter) break
    }
    done = true
  }
  return {
    search: search(),
    overBudget: () => executed >= maxSteps || performance.now() >= deadline,
    result: (): Minimized => ({ trace: { steps: best! }, tests, complete: done }),
  }
}

type Run = (labels: readonly string[]) => TraceStep[] | undefined
type LabelsOf = (steps: readonly TraceStep[]) => string[]

/** Zeller's ddmin: remove chunks (halves, quarters, ... single steps) while the run still fails. */
function* ddmin(start: TraceStep[], run: Run, labelsOf: LabelsOf): Generator<void, TraceStep[], void> {
  let best = start
  let current = labelsOf(best)
  let n = 2
  while (current.length > 0) {
    const chunk = Math.ceil(current.length / n)
    let reduced = false
    for (let i = 0; i * chunk < current.length; i++) {
      const candidate = [...current.slice(0, i * chunk), ...current.slice((i + 1) * chunk)]
      const r = run(candidate)
      yield
      if (r) {
        best = r
        current = labelsOf(r)
        n = Math.max(n - 1, 2)
        reduced = true
        break
      }
    }
    if (!reduced) {
      if (n >= current.length) break
      n = Math.min(n * 2, current.length)
    }
  }
  return best
}

/**
 * Removing steps cannot reorder them; a shortcut can: if a later state of the trace is one step
 * away from an earlier one (or equal to it: a cycle), jump there directly. The states after it
 * are unchanged, so the violation stays. Returns a shorter trace, or undefined.
 */
function* shortcut(p: Prepared, steps: readonly TraceStep[], run: Run, labelsOf: LabelsOf): Generator<void, TraceStep[] | undefined, void> {
  // The last position of each state: one lookup per successor (a scan of the trace was quadratic).
  const last = new Map<string, number>()
  const f = { hi: 0, lo: 0 }
  const keys = steps.map((s, i) => {
    p.fingerprintOf(s.state, null, f)
    const k = `${f.hi}:${f.lo}`
    last.set(k, i)
    return k
  })
  const labels = labelsOf(steps)
  for (let i = 0; i < steps.length - 1; i++) {
    const cycle = last.get(keys[i])!
    const hops = p.expand(steps[i].state).map(([a, t]) => {
      p.fingerprintOf(t, a, f)
      return { label: actionLabel(a), j: last.get(`${f.hi}:${f.lo}`) ?? -1 }
    })
    const hop = hops.reduce((b, h) => (h.j > b.j ? h : b), { label: '', j: -1 })
    // Jump to state j: via one step (labels i+1..j replaced by one), or by cutting a cycle.
    const candidates: string[][] = []
    if (cycle > i) candidates.push([...labels.slice(0, i), ...labels.slice(cycle)])
    if (hop.j > i + 1) candidates.push([...labels.slice(0, i), hop.label, ...labels.slice(hop.j)])
    for (const c of candidates.sort((a, b) => a.length - b.length)) {
      const r = run(c)
      yield
      if (r && r.length < steps.length) return r
    }
    if ((i & 255) === 255) yield
  }
  return undefined
}

/** `Write(r1, 2)` → `Write`: labels are `Name` or `Name(params)`. */
const nameOf = (label: string): string => {
  const i = label.indexOf('(')
  return i < 0 ? label : label.slice(0, i)
}

/** The test "is this state a violation of `property`". */
function violation(p: Prepared, property: string): (state: unknown) => boolean {
  if (property === 'Deadlock' && !p.properties.some((q: Property<unknown, unknown>) => q.name === property)) {
    return (s) => (!p.constraint || p.constraint(s)) && p.expand(s).length === 0
  }
  const prop = p.properties.find((q: Property<unknown, unknown>) => q.name === property)
  if (!prop) throw new UsageError(`minimizeTrace: model ${p.model.name} has no property ${property}`)
  if (prop.kind !== 'always') {
    throw new UsageError(`minimizeTrace: ${property} is a '${prop.kind}' property; only invariants ('always') and deadlocks are minimised`)
  }
  const holds = prop.holds
  return (s) => !holds(p.config, s)
}
