import type { Value } from './value.ts'

/**
 * An action is tagged plain data: `{ name: 'RMPrepare', rm: 'r1' }`. The name says which action
 * function fired; the other fields are its parameters (the TLA+ existential witnesses). Actions are
 * the labels of trace steps, so its fields must be plain values too (the fingerprint's rules).
 */
export interface Action {
  readonly name: string
}

/** `RMPrepare(r1)`, `Deliver(Prepare→p2)`: the label printed in traces and matched by fairness.
 * An action with a string `label` field prints as `Name(label)` (src/net's message and partition
 * actions carry the whole message record too, which would print unreadably). */
export function actionLabel(action: Action): string {
  const params = action as unknown as Record<string, Value>
  if (typeof params.label === 'string') return `${action.name}(${params.label})`
  const keys = Object.keys(params).filter((k) => k !== 'name')
  if (keys.length === 0) return action.name
  return `${action.name}(${keys.map((k) => formatParam(params[k] as Value)).join(', ')})`
}

function formatParam(v: Value): string {
  if (typeof v === 'string') return v
  if (v === null || typeof v !== 'object') return String(v)
  if (Array.isArray(v)) return `[${v.map(formatParam).join(', ')}]`
  return `{${Object.keys(v)
    .map((k) => `${k}: ${formatParam((v as Record<string, Value>)[k] as Value)}`)
    .join(', ')}}`
}
