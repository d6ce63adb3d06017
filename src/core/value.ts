/**
 * The values a state may hold: plain, immutable-by-convention data that crosses worker threads and
 * encodes canonically. Sets are sorted, deduplicated arrays built with the helpers in
 * `src/state/data.ts`; maps are plain objects keyed by strings. Immutable.js collections are also
 * accepted by the fingerprint (see `src/state/fingerprint.ts`), but bundled models use plain data.
 */
export type Value =
  | null
  | boolean
  | number
  | string
  | bigint
  | readonly Value[]
  | { readonly [key: string]: Value }

/** A record of values: the shape of a model's state and of an action's parameters. */
export type Rec = { readonly [key: string]: Value }

/** Whether `x` is an object with an iterator (a list, a Set, a generator's result). */
export const isIterable = (x: unknown): x is Iterable<unknown> => typeof x === 'object' && x !== null && typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
