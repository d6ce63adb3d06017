/**
 * The label of a step whose trace records no action: a Quint or Apalache trace written without
 * `--mbt` has only states. The initial state is `(initial state)`; a later step is named by the
 * variables it changed (`changed: x, ys`), which is what tells such steps apart, not left to read
 * as one more initial state.
 */
import type { Value } from '../core/value.ts'
import { changedVariables } from '../state/diff.ts'

/** At most this many variable names; more are counted (`+2 more`). */
const NAMES = 4

const isRec = (v: Value | undefined): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `states` are plain values (`toPlain`); `i` the step. */
export function unrecordedStepLabel(states: readonly Value[], i: number): string {
  if (i === 0) return '(initial state)'
  const before = states[i - 1]
  const after = states[i]
  if (!isRec(before) || !isRec(after)) return '(action not recorded)'
  const changed = changedVariables(before, after)
  if (changed.length === 0) return 'no variable changed'
  const more = changed.length > NAMES ? ` +${changed.length - NAMES} more` : ''
  return `changed: ${changed.slice(0, NAMES).join(', ')}${more}`
}
