/** Storing each trace step's event (`Model.event`, see event.ts) beside its action. */
import type { Action } from './action.ts'
import type { StepEvent } from './event.ts'
import type { CheckResult, Trace } from './result.ts'

/** The trace with each step's event (the model's `event` of its action) stored beside it. */
export function traceWithEvents(trace: Trace, event: (a: Action) => StepEvent): Trace {
  const steps = trace.steps.map((s) => {
    if (s.action === null) return s
    const e = event(s.action)
    return { ...s, event: { kind: e.kind, node: e.node } }
  })
  // (The rest as it was: a lasso's loop start, closing step and fairness lines.)
  return { ...trace, steps }
}

/** Every trace of a result, with events (see `traceWithEvents`). */
export function resultWithEvents(result: CheckResult, event: (a: Action) => StepEvent): CheckResult {
  if (!result.properties.some((p) => p.trace !== undefined)) return result
  return {
    ...result,
    properties: result.properties.map((p) => (p.trace === undefined ? p : { ...p, trace: traceWithEvents(p.trace, event) })),
  }
}
