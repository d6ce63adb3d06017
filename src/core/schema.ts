/**
 * State schemas: an optional declaration of a model's state shape over finite domains (the
 * constructors are `schema` in `state/schema.ts`). A schema compiles a specialised fingerprint
 * function (`compileSchemaHasher` in `state/fingerprint.ts`) that gives exactly the fingerprint of
 * the generic path for every state that matches it, the thread codec (`parallel/schema-codec.ts`)
 * and the ITF types of traces; and it documents and validates the state: a value outside its
 * schema is a model error naming the path.
 *
 * A model declares `schema(config)` because key sets depend on the configuration (the RMs). The
 * type lives in `core/` because `Model` names it.
 */
export type Schema =
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'bool' }
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, Schema>>; readonly intern?: Intern }
  | { readonly kind: 'list'; readonly of: Schema; readonly set?: true; readonly bag?: true; readonly intern?: Intern }
  | { readonly kind: 'union'; readonly tag: string; readonly variants: Readonly<Record<string, Readonly<Record<string, Schema>>>>; readonly intern?: Intern }
  | { readonly kind: 'nullable'; readonly of: Schema }
  | { readonly kind: 'any' }

/**
 * The model's own instance equal to `value` (a record, union or list value of a finite universe
 * the model builds once or interns, such as paxos-net's messages or Raft's logs), or `value`
 * itself. The thread codec returns it in place of a decoded copy, so a worker's states hold the
 * instances the model's tables and memos are keyed by. It must return a value equal to its
 * argument, keys in the same order (a trace prints them): nothing checks it but the parity tests. The identity function still shares equal
 * decoded values (the codec keeps the first one per encoding, for values up to 4 KiB encoded):
 * for a part that most states share, such as a history variable, whose hash a model memoizes by
 * identity.
 */
export type Intern = (value: unknown) => unknown
