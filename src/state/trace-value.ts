/**
 * What a trace can hold: the one rule for the values a trace file writes (`trace/itf-value.ts`,
 * which converts them) and for the check that refuses, before a search, an action that holds
 * anything else (`explore/prepare.ts`, which walks them). Each asks `traceShape` of a value and
 * walks its parts itself: the writer to convert them, the check to find a cycle.
 *
 * A trace holds booleans, strings, bigints, `null`, finite numbers, plain arrays and records, and
 * the collections the writer knows: JS `Map` and `Set`, Immutable.js's List, Stack, Set,
 * OrderedSet, Map, OrderedMap and Record. Not `undefined`, functions, symbols, NaN or ±Infinity,
 * class instances, or an Immutable.js Seq (lazy: make it a List, Set or Map).
 */
import { isImmutable, isList, isMap, isOrderedMap, isOrderedSet, isRecord, isSet, isStack } from 'immutable'

export type TraceShape =
  /** A boolean, string, bigint, null or finite number. */
  | { readonly kind: 'leaf' }
  /** A plain array. */
  | { readonly kind: 'array'; readonly items: readonly unknown[] }
  /** A JS Set, Immutable.js Set or OrderedSet. */
  | { readonly kind: 'set'; readonly items: Iterable<unknown> }
  /** A JS Map, Immutable.js Map or OrderedMap. */
  | { readonly kind: 'map'; readonly entries: Iterable<readonly [unknown, unknown]> }
  /** An Immutable.js List or Stack. */
  | { readonly kind: 'list'; readonly items: Iterable<unknown> }
  /** A plain object, or an Immutable.js Record's fields. */
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, unknown>> }
  /** Anything else, and why, to follow the value's path: "is undefined", "is NaN", ... */
  | { readonly kind: 'bad'; readonly why: string }

const LEAF: TraceShape = { kind: 'leaf' }

export function traceShape(v: unknown): TraceShape {
  switch (typeof v) {
    case 'boolean':
    case 'string':
    case 'bigint':
      return LEAF
    case 'number':
      return Number.isFinite(v) ? LEAF : { kind: 'bad', why: `is ${v}` }
    case 'object':
      break
    case 'undefined':
      return { kind: 'bad', why: 'is undefined' }
    default:
      return { kind: 'bad', why: `is a ${typeof v}` }
  }
  if (v === null) return LEAF
  if (Array.isArray(v)) return { kind: 'array', items: v }
  if (v instanceof Set || isSet(v) || isOrderedSet(v)) return { kind: 'set', items: v as Iterable<unknown> }
  if (v instanceof Map || isMap(v) || isOrderedMap(v)) return { kind: 'map', entries: v as Iterable<readonly [unknown, unknown]> }
  if (isList(v) || isStack(v)) return { kind: 'list', items: v as Iterable<unknown> }
  if (isRecord(v)) return { kind: 'record', fields: (v as { toObject(): Record<string, unknown> }).toObject() }
  if (isImmutable(v)) return { kind: 'bad', why: 'is an Immutable.js Seq (make it a List, Set or Map)' }
  const proto = Object.getPrototypeOf(v) as unknown
  if (proto !== Object.prototype && proto !== null) {
    return { kind: 'bad', why: `is an instance of ${(v as { constructor?: { name?: string } }).constructor?.name ?? 'a class'}` }
  }
  return { kind: 'record', fields: v as Record<string, unknown> }
}
