/**
 * Renaming ids in a state, driven by its schema: the `relabel` a symmetry needs, derived instead
 * of written by hand. An id can sit in three places, and the schema says which:
 * - a string of an `enum` schema (a message's `from`, a set of voters): renamed;
 * - a record key (a `mapOf` over node ids): the entry moves to the renamed key, and the record is
 *   rebuilt in the schema's key order;
 * - inside a set or a bag: its elements are renamed and the array sorted again (sets and bags are
 *   kept sorted by `compareValues`, data.ts and src/net), lists keep their order.
 * Values of `int`, `bool` and union tags are never ids. A schema with `any` cannot say where ids
 * are inside it, so it is refused (`relabelBySchema` throws naming the path).
 *
 * Renaming is a group action as `canonicalize` (symmetry.ts) requires: the identity changes
 * nothing, and renaming twice equals renaming by the composition. The ids a permutation may move
 * are the model's claim: a string equal to an id is renamed wherever an `enum` holds it.
 */
import type { Schema } from '../core/schema.ts'
import type { Value } from '../core/value.ts'
import { compareValues } from './data.ts'
import type { Rename } from './symmetry.ts'

type Relabel = (v: Value, rename: Rename) => Value

const same: Relabel = (v) => v

/**
 * The `relabel(state, rename)` of states of `schema`. With `ids` (every id a renaming may move), a
 * part whose schema cannot hold one of them is returned as it is, not copied: less to build, and
 * the fingerprint's caches, keyed by object, still know it.
 */
export function relabelBySchema<S>(schema: Schema, ids?: ReadonlySet<string>): (state: S, rename: Rename) => S {
  const f = compile(schema, 'state', ids)
  return (state, rename) => f(state as Value, rename) as S
}

function compile(s: Schema, path: string, ids: ReadonlySet<string> | undefined): Relabel {
  if (ids !== undefined && s.kind !== 'any' && !mentionsIds(s, ids)) return same
  switch (s.kind) {
    case 'int':
    case 'bool':
      return same
    case 'enum':
      return (v, rename) => (typeof v === 'string' ? rename(v) : v)
    case 'nullable': {
      const of = compile(s.of, path, ids)
      return (v, rename) => (v === null ? null : of(v, rename))
    }
    case 'list': {
      const of = compile(s.of, `${path}[]`, ids)
      if (of === same) return same
      const sorted = s.set === true || s.bag === true
      return (v, rename) => {
        const out = (v as readonly Value[]).map((x) => of(x, rename))
        return sorted ? out.sort(compareValues) : out
      }
    }
    case 'record': {
      const keys = Object.keys(s.fields)
      const fields = keys.map((k) => compile(s.fields[k] as Schema, `${path}.${k}`, ids))
      return (v, rename) => {
        const rec = v as Readonly<Record<string, Value>>
        const moved: Record<string, Value> = {}
        keys.forEach((k, i) => {
          if (k in rec) moved[rename(k)] = (fields[i] as Relabel)(rec[k] as Value, rename)
        })
        // Rebuilt in the schema's key order, whatever the renaming (states compare key by key).
        const out: Record<string, Value> = {}
        for (const k of keys) if (k in moved) out[k] = moved[k] as Value
        return out
      }
    }
    case 'union': {
      // A variant none of whose fields can change is absent: its records are kept as they are.
      const variants = new Map<string, readonly (readonly [string, Relabel])[]>()
      for (const [tag, fields] of Object.entries(s.variants)) {
        const compiled = Object.keys(fields).map((k) => [k, compile(fields[k] as Schema, `${path}(${tag}).${k}`, ids)] as const)
        if (compiled.some(([, f]) => f !== same)) variants.set(tag, compiled)
      }
      return (v, rename) => {
        const rec = v as Readonly<Record<string, Value>>
        const fields = variants.get(rec[s.tag] as string)
        if (fields === undefined) return v
        const out: Record<string, Value> = { ...rec }
        for (const [k, f] of fields) if (k in rec) out[k] = f(rec[k] as Value, rename)
        return out
      }
    }
    case 'any':
      throw new Error(`${path}: a schema with 'any' cannot be relabelled (it does not say where ids are)`)
  }
}

/** Whether a value of `schema` can hold one of `ids` (as an enum value or a record key): if not,
 * renaming those ids leaves it unchanged, so it can serve as a symmetry signature. */
export function mentionsIds(schema: Schema, ids: ReadonlySet<string>): boolean {
  switch (schema.kind) {
    case 'int':
    case 'bool':
      return false
    case 'enum':
      return schema.values.some((v) => ids.has(v))
    case 'nullable':
    case 'list':
      return mentionsIds(schema.of, ids)
    case 'record':
      return Object.keys(schema.fields).some((k) => ids.has(k) || mentionsIds(schema.fields[k] as Schema, ids))
    case 'union':
      return Object.values(schema.variants).some((fields) => Object.values(fields).some((f) => mentionsIds(f, ids)))
    case 'any':
      return true
  }
}
