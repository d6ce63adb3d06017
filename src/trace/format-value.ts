/**
 * A compact, unambiguous one-line rendering of a plain value, as traces print it:
 * `{type: Prepared, rm: r2}`, `[r1, r3]`, `"two words"`, `"3"` (a string, quoted because it
 * reads like a number), `12`, `12n` (a bigint), `null`. Shared by the text and HTML renderers and the CLI.
 */
import type { Value } from '../core/value.ts'
import { fromItfValue, toItfValue } from './itf-value.ts'

const BARE = /^[A-Za-z_][\w.\-/@]*$/
const RESERVED = new Set(['true', 'false', 'null', 'undefined'])

export function formatValue(v: Value, maxLength = Number.POSITIVE_INFINITY): string {
  const s = format(v)
  return s.length > maxLength ? `${s.slice(0, Math.max(0, maxLength - 1))}…` : s
}

function format(v: Value): string {
  if (v === null) return 'null'
  switch (typeof v) {
    case 'string':
      return BARE.test(v) && !RESERVED.has(v) ? v : JSON.stringify(v)
    case 'number':
    case 'boolean':
      return String(v)
    case 'bigint':
      // As a literal: a bigint and the number of the same digits are different values (an
      // implementation observed as 1n where the model has 1 diverges, and must not print "1 → 1").
      return `${v.toString()}n`
    default:
      break
  }
  if (Array.isArray(v)) return `[${v.map((x) => format(x as Value)).join(', ')}]`
  const rec = v as Record<string, Value>
  return `{${Object.keys(rec)
    .map((k) => `${BARE.test(k) ? k : JSON.stringify(k)}: ${format(rec[k] as Value)}`)
    .join(', ')}}`
}

/** A state value as plain data (Immutable.js sets become sorted arrays, maps records), so
 * renderers and diffs handle one kind of value. */
export const toPlain = (v: unknown): Value => fromItfValue(toItfValue(v))
