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
