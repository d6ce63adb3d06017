/**
 * Messages of message-passing models: plain records `{ from, to, type, ...payload }`. The sender
 * and receiver travel with the message, so one record is everything a trace viewer needs to draw
 * an arrow, and two messages are equal exactly when their records are.
 *
 * Declare a model's messages as a tagged union of *type aliases* (not interfaces: aliases are
 * assignable to plain values), e.g.
 * `type Msg = { from: string; to: string; type: 'Vote'; yes: boolean } | ...`.
 */
import type { Value } from '../core/value.ts'

export type Message = {
  readonly from: string
  readonly to: string
  readonly type: string
  readonly [field: string]: Value
}

/** `Prepare c→p2`, `Vote(yes) p1→c`, `Write(x, 2) p→b1`: a message as traces print it, its
 * payload in the order of its field names (`RequestVote(1, 2, 4)`: lastLogIndex, lastLogTerm,
 * term), which the state's diff beside it names. */
export function messageLabel(m: Message): string {
  const payload = Object.keys(m)
    .filter((k) => k !== 'from' && k !== 'to' && k !== 'type')
    .sort()
    .map((k) => formatValue(m[k] as Value))
  const args = payload.length > 0 ? `(${payload.join(', ')})` : ''
  return `${m.type}${args} ${m.from}→${m.to}`
}

/** Short readable form of a payload value: strings bare (the empty one as "", not nothing:
 * `Sync("", 0, v0)`), booleans as yes/no. */
export function formatValue(v: Value): string {
  if (typeof v === 'string') return v === '' ? '""' : v
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (v === null || typeof v !== 'object') return String(v)
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`
  const rec = v as Readonly<Record<string, Value>>
  return `{${Object.keys(rec)
    .sort()
    .map((k) => `${k}: ${formatValue(rec[k] as Value)}`)
    .join(', ')}}`
}
