/**
 * A value the schema declares a set (`schema.setOf`) must be one: a strictly sorted array, as
 * `setOf`/`setAdd` build it (src/state/data.ts). The fingerprint hashes a set as the list it is,
 * so one set built in two orders is two states, and a trace file writes it as an ITF `#set`,
 * which reads back sorted and deduplicated: a replay of the unchanged model then "no longer
 * reproduces". Checked on the initial states, on every state with `--debug`, and where a trace is
 * written; not per state in the search (a comparison per element of every set that changed).
 * Bags (`schema.bagOf`) are sorted too, with repeats.
 */
import type { Schema } from '../core/schema.ts'
import { compareValues } from './data.ts'
import type { Value } from '../core/value.ts'

/** The path of the first set or bag in `v` (as `schema` declares them) that is not sorted (a set:
 * or has a repeat), with what is wrong; undefined when there is none. Values that do not match
 * the schema are left to the fingerprint's own check. */
export function unsortedSet(schema: Schema, v: unknown, path = 'state'): string | undefined {
  switch (schema.kind) {
    case 'nullable':
      return v === null ? undefined : unsortedSet(schema.of, v, path)
    case 'list': {
      if (!Array.isArray(v)) return undefined
      const bad = unsortedHere(schema, v, path)
      if (bad !== undefined) return bad
      for (let i = 0; i < v.length; i++) {
        const bad = unsortedSet(schema.of, v[i], `${path}[${i}]`)
        if (bad !== undefined) return bad
      }
      return undefined
    }
    case 'record': {
      if (typeof v !== 'object' || v === null) return undefined
      for (const [k, f] of Object.entries(schema.fields)) {
        const bad = unsortedSet(f, (v as Record<string, unknown>)[k], `${path}.${k}`)
        if (bad !== undefined) return bad
      }
      return undefined
    }
    case 'union': {
      if (typeof v !== 'object' || v === null) return undefined
      const fields = schema.variants[(v as Record<string, unknown>)[schema.tag] as string]
      if (fields === undefined) return undefined
      for (const [k, f] of Object.entries(fields)) {
        const bad = unsortedSet(f, (v as Record<string, unknown>)[k], `${path}.${k}`)
        if (bad !== undefined) return bad
      }
      return undefined
    }
    default:
      return undefined
  }
}

/** The same for the array `v` itself, a list of `schema` (not its elements): the trace writer
 * walks the elements on its own. */
export function unsortedHere(schema: Schema & { kind: 'list' }, v: readonly unknown[], path: string): string | undefined {
  if (!schema.set && !schema.bag) return undefined
  for (let i = 1; i < v.length; i++) {
    const c = compareValues(v[i - 1] as Value, v[i] as Value)
    if (c > 0 || (c === 0 && schema.set)) {
      const what = schema.set ? 'a set (schema.setOf)' : 'a bag (schema.bagOf)'
      const wrong = c === 0 ? `holds ${JSON.stringify(v[i])} twice` : `is not sorted (at [${i}])`
      return `${path} is declared ${what} but ${wrong}: build it with setOf/setAdd (src/state/data.ts)`
    }
  }
  return undefined
}
