/**
 * An ITF trace (ours, or Quint's and Apalache's: `parseItf` reads them) turned into explorer
 * paths, so the user can continue from any of its states. Each recorded step is matched the way
 * `replay` matches it: among the steps enabled in the state reached so far, the one with the
 * recorded label (and action record, when the trace has it) that reaches the recorded state,
 * compared as plain data. Where no step matches, the trace is followed only up to there and the
 * reason is given; the states matched so far stay usable.
 */
import { actionLabel } from '../core/action.ts'
import type { Params } from '../core/spec.ts'
import type { TraceStep } from '../core/result.ts'
import type { Value } from '../core/value.ts'
import { valuesEqual } from '../state/data.ts'
import { toPlain } from '../trace/format-value.ts'
import type { StoredTrace } from '../trace/itf.ts'
import { formatPath } from './path.ts'
import type { ExplorerSession } from './session.ts'

export interface TraceMatch {
  /** The explorer path to the last matched state (`''` when none matched). Sent once: step `i`'s
   * path is its first `i + 1` entries, so the answer grows linearly with the trace. */
  readonly path: string
  /** One entry per recorded state that was matched, in order: its label and its entry in `path`
   * (the initial state's number, then the index of the step taken). */
  readonly steps: readonly { readonly index: number; readonly label: string }[]
  /** How many states the trace records (`steps.length` when all matched). */
  readonly total: number
  /** For a lasso, the index of the state the last one returns to. */
  readonly loop?: number
  /** The property the trace is a counterexample to, when it says. */
  readonly property?: string
  /** Why matching stopped early, or a note about parameters; absent when all is well. */
  readonly notes: readonly string[]
}

export function matchTrace(session: ExplorerSession, stored: StoredTrace): TraceMatch {
  const p = session.prepared
  const notes: string[] = []
  const recordedParams = stored.origin.params
  if (recordedParams && !sameParams(recordedParams, session.params)) {
    notes.push(`the trace was recorded with ${showParams(recordedParams)}; the explorer runs with ${showParams(session.params)}`)
  }
  if (stored.origin.spec !== undefined && stored.origin.spec !== p.spec.name) {
    notes.push(`the trace was recorded on spec ${stored.origin.spec}, not ${p.spec.name}`)
  }
  const base = {
    total: stored.trace.steps.length,
    ...(stored.trace.loopStart !== undefined ? { loop: stored.trace.loopStart } : {}),
    ...(stored.origin.property !== undefined ? { property: stored.origin.property } : {}),
  }
  if (stored.trace.steps.length === 0) return { ...base, path: '', steps: [], notes: [...notes, 'the trace has no states'] }
  const recorded = (i: number): Value => (stored.trace.steps[i] as TraceStep).state as Value
  const inits = p.initStates()
  const first = inits.findIndex((s) => valuesEqual(toPlain(s), recorded(0)))
  if (first < 0) {
    notes.push(`its initial state is none of the spec's ${inits.length} initial state${inits.length === 1 ? '' : 's'}`)
    return { ...base, path: '', steps: [], notes }
  }
  const path = [first]
  const steps = [{ index: first, label: `Init #${first}` }]
  let state = inits[first]
  for (let i = 1; i < stored.trace.steps.length; i++) {
    const label = stored.labels[i] ?? null
    // Only a trace of ours records the whole action; another tool's gives a label to match.
    const action = stored.itfActions[i] != null ? ((stored.trace.steps[i] as TraceStep).action as unknown as Value) : undefined
    const enabled = p.expand(state)
    const k = enabled.findIndex(
      ([a, s]) =>
        (label === null || actionLabel(a) === label) &&
        (action === undefined || valuesEqual(toPlain(a), action)) &&
        valuesEqual(toPlain(s), recorded(i)),
    )
    if (k < 0) {
      notes.push(`stopped at state ${i + 1} of ${stored.trace.steps.length}: ${label ?? 'the recorded step'} ${enabled.some(([a]) => actionLabel(a) === label) ? 'leads to a different state here' : 'is not enabled here'}`)
      break
    }
    path.push(k)
    state = (enabled[k] as readonly [unknown, unknown])[1]
    steps.push({ index: k, label: actionLabel((enabled[k] as readonly [{ name: string }, unknown])[0]) })
  }
  return { ...base, path: formatPath(path), steps, notes }
}

function sameParams(a: Params, b: Params): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((k) => a[k] === b[k])
}

const showParams = (p: Params): string => {
  const entries = Object.keys(p).sort().map((k) => `${k}=${String(p[k])}`)
  return entries.length ? entries.join(' ') : 'no parameters'
}
