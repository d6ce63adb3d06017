/**
 * State schemas: an optional declaration of a model's state shape over finite domains. A schema
 * compiles a specialised fingerprint function (`compileSchemaHasher` in fingerprint.ts) that gives
 * exactly the fingerprint of the generic path for every state that matches it — key hashes and
 * enum hashes are computed once, no keys are enumerated — and it documents and validates the
 * state: a value outside its schema is a model error naming the path.
 *
 * A model declares `schema(config)` because key sets depend on the configuration (the RMs).
 * The `Schema` type itself is in `core/schema.ts` (the model contract names it); it is re-exported
 * here beside its constructors.
 */
import type { Intern, Schema } from '../core/schema.ts'

export type { Intern, Schema } from '../core/schema.ts'

/** A record's, list's or union's option: see `Intern`. */
export type InternOption = { readonly intern?: Intern }
const interning = (o: InternOption | undefined): InternOption => (o?.intern ? { intern: o.intern } : {})

export const schema = {
  /** A string from a finite set. */
  enum: (...values: string[]): Schema => ({ kind: 'enum', values }),
  /** A whole number in [min, max]. */
  int: (min: number, max: number): Schema => ({ kind: 'int', min, max }),
  bool: (): Schema => ({ kind: 'bool' }),
  /** A record with exactly these fields; `intern`: see `Intern`. */
  record: (fields: Record<string, Schema>, options?: InternOption): Schema => ({ kind: 'record', fields, ...interning(options) }),
  /** A record with one entry per key, all of one schema (TLA+'s `[RM -> S]`). */
  mapOf: (keys: readonly string[], value: Schema): Schema => ({
    kind: 'record',
    fields: Object.fromEntries(keys.map((k) => [k, value])),
  }),
  /** An array in a meaningful order (a sequence); `intern`: see `Intern`. */
  list: (of: Schema, options?: InternOption): Schema => ({ kind: 'list', of, ...interning(options) }),
  /** A set: a sorted, deduplicated array from `setOf` (data.ts). Stored and hashed like a list;
   * `set` only tells the trace writer to write it as an ITF `#set`. */
  setOf: (of: Schema, options?: InternOption): Schema => ({ kind: 'list', of, set: true, ...interning(options) }),
  /** A bag (multiset): a sorted array with one entry per copy, as src/net keeps messages in
   * flight. Stored and hashed like a list; `bag` tells a schema relabelling to sort it again. */
  bagOf: (of: Schema, options?: InternOption): Schema => ({ kind: 'list', of, bag: true, ...interning(options) }),
  /** Records tagged by a string field: `union('type', { Prepared: { rm: enum(...) }, Commit: {} })`. */
  union: (tag: string, variants: Record<string, Record<string, Schema>>, options?: InternOption): Schema => ({ kind: 'union', tag, variants, ...interning(options) }),
  nullable: (of: Schema): Schema => ({ kind: 'nullable', of }),
  /** Anything plain: hashed by the generic path. */
  any: (): Schema => ({ kind: 'any' }),
}

/**
 * What is wrong with a schema a model declared (checked before it is compiled), naming its path
 * (`state.net.sent[]`), or undefined when nothing is. A schema not built by `schema.*`, or built
 * with impossible bounds, would otherwise fail inside the generated hasher ("Unexpected
 * identifier") or silently describe nothing.
 */
export function schemaProblem(s: unknown, path = 'state'): string | undefined {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return `at ${path} is ${Array.isArray(s) ? 'a list' : s === null ? 'null' : `a ${typeof s}`}, not a schema (build it with schema.record, schema.int, ...)`
  const x = s as Record<string, unknown>
  switch (x.kind) {
    case 'any':
    case 'bool':
      return undefined
    case 'enum': {
      const values = x.values
      if (!Array.isArray(values) || values.length === 0) return `at ${path}: an enum needs at least one value`
      const bad = values.find((v) => typeof v !== 'string')
      if (bad !== undefined) return `at ${path}: an enum's values are strings, not ${JSON.stringify(bad) ?? String(bad)}`
      const twice = values.find((v, i) => values.indexOf(v) !== i)
      if (twice !== undefined) return `at ${path}: an enum lists '${twice}' twice`
      return undefined
    }
    case 'int': {
      const { min, max } = x as { min: unknown; max: unknown }
      // (An infinite bound is no bound: the hasher compares with it, the codec writes varints.)
      const bound = (b: unknown): boolean => typeof b === 'number' && (Number.isInteger(b) || b === Infinity || b === -Infinity)
      if (!bound(min) || !bound(max)) return `at ${path}: an int's bounds are whole numbers (or ±Infinity), not ${String(min)} and ${String(max)}`
      if ((min as number) > (max as number)) return `at ${path}: an int's min ${String(min)} is above its max ${String(max)}`
      return undefined
    }
    case 'nullable':
      return schemaProblem(x.of, path)
    case 'list':
      return schemaProblem(x.of, `${path}[]`)
    case 'record': {
      const fields = x.fields
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return `at ${path}: a record's fields are an object of schemas`
      for (const [k, f] of Object.entries(fields)) {
        const bad = schemaProblem(f, `${path}.${k}`)
        if (bad !== undefined) return bad
      }
      return undefined
    }
    case 'union': {
      const { tag, variants } = x as { tag: unknown; variants: unknown }
      if (typeof tag !== 'string' || tag === '') return `at ${path}: a union's tag is a field name (a string)`
      if (typeof variants !== 'object' || variants === null || Array.isArray(variants) || Object.keys(variants).length === 0) return `at ${path}: a union needs at least one variant`
      for (const [v, fields] of Object.entries(variants as Record<string, unknown>)) {
        if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return `at ${path}: the union's variant ${v} is an object of schemas`
        for (const [k, f] of Object.entries(fields)) {
          const bad = schemaProblem(f, `${path}(${v}).${k}`)
          if (bad !== undefined) return bad
        }
      }
      return undefined
    }
    default:
      return x.kind === undefined
        ? `at ${path} is an object without a kind, not a schema (build it with schema.record, schema.int, ...)`
        : `at ${path} has the kind ${JSON.stringify(x.kind) ?? String(x.kind)}, not a schema's (build it with schema.record, schema.int, ...)`
  }
}
