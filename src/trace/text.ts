/**
 * A trace as text, step by step: the step number (the initial state is step 1, as trace lengths
 * count states), the action label, and only what changed, by path:
 *
 *   Step 3: RMPrepare(r2)
 *     rmState.r2: working → prepared
 *     msgs: + {type: Prepared, rm: r2}
 *
 * The initial state shows every variable. For a lasso the loop's first step is marked and the
 * text ends with "from step k the behaviour repeats forever".
 */
import { actionLabel } from '../core/action.ts'
import type { Trace } from '../core/result.ts'
import { upToText } from '../core/result.ts'
import type { Value } from '../core/value.ts'
import type { Change } from '../state/diff.ts'
import { diffValues } from '../state/diff.ts'
import { formatValue, toPlain } from './format-value.ts'

export { formatValue } from './format-value.ts'

export interface TextOptions {
  /** A first line, e.g. "Counterexample to TCConsistent (always): 7 states". */
  readonly title?: string
  /** Values longer than this are cut with "…" (default: 200 characters, for the terminal;
   * trace files pass no limit). */
  readonly maxValueLength?: number
}

export const LOOP_MARK = '◀ loop starts here'

export function renderTraceText(trace: Trace, options: TextOptions = {}): string {
  const max = options.maxValueLength ?? 200
  const lines: string[] = options.title ? [options.title] : []
  const states = trace.steps.map((s) => toPlain(s.state))
  trace.steps.forEach((step, i) => {
    // Another tool's trace may record no action (Quint without --mbt): say so, not "initial".
    const label = step.action ? actionLabel(step.action) : i === 0 ? '(initial state)' : '(action not recorded)'
    const mark = trace.loopStart === i ? `   ${LOOP_MARK}` : ''
    lines.push(`Step ${i + 1}${step.action ? ': ' : ' '}${label}${mark}`)
    const state = states[i] as Value
    if (i === 0 || !step.action) {
      lines.push(...initialLines(state, max))
      return
    }
    const changes = diffValues(states[i - 1] as Value, state)
    if (changes.length === 0) lines.push('  (no change)')
    for (const c of changes) lines.push(`  ${formatChange(c, max)}`)
  })
  if (trace.loopStart !== undefined) {
    const k = trace.loopStart + 1
    // A loop on the last state alone: the behaviour stays there (it stutters, or a step returns to it).
    lines.push(
      k === trace.steps.length
        ? trace.closing
          ? `Step ${k} leads back to itself${upToText(trace.closesUpTo)} by ${actionLabel(trace.closing)}: the behaviour repeats it forever`
          : `Step ${k} repeats forever: the behaviour stays in it`
        : `Step ${trace.steps.length} leads back to step ${k}${upToText(trace.closesUpTo)}${trace.closing ? ` by ${actionLabel(trace.closing)}` : ''}: from step ${k} the behaviour repeats forever`,
    )
    if (trace.fairness && trace.fairness.length > 0) lines.push('The loop is fair:', ...trace.fairness.map((f) => `  ${f}`))
  }
  return `${lines.join('\n')}\n`
}

function initialLines(state: Value, max: number): string[] {
  if (typeof state === 'object' && state !== null && !Array.isArray(state)) {
    const rec = state as Record<string, Value>
    return Object.keys(rec).map((k) => `  ${k}: ${formatValue(rec[k] as Value, max)}`)
  }
  return [`  ${formatValue(state, max)}`]
}

/** `path: old → new`, `path: + value`, `path: - value` (`(none)` for a key that is absent); in a
 * list, `+ value at [i]` where it is not appended (`Change.at`). */
export function formatChange(c: Change, max = 200): string {
  const at = c.path || '(state)'
  switch (c.kind) {
    case 'add':
    case 'remove':
      return `${at}: ${c.kind === 'add' ? '+' : '-'} ${formatValue(c.value, max)}${c.at === undefined ? '' : ` at [${c.at}]`}`
    case 'set': {
      const show = (v: Value | undefined): string => (v === undefined ? '(none)' : formatValue(v, max))
      return `${at}: ${show(c.from)} → ${show(c.to)}`
    }
  }
}
