/** fast-check arbitraries for plain state values, shared by the state tests. */
import fc from 'fast-check'
import type { Value } from '../../src/index.ts'

const key = fc.oneof(fc.constantFrom('a', 'b', 'c', 'rm', 'msgs', '0', '__proto__x'), fc.string({ maxLength: 4 }))

export const scalar: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.string({ maxLength: 5 }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
)

/** Plain values: scalars, arrays, records with ordinary prototypes. */
export const plainValue: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value

/** A record of plain values: the shape of a state. */
export const plainState = fc.dictionary(key, plainValue, { maxKeys: 5, noNullPrototype: true })

/** Rebuilds `v` deeply with every record's keys in the order `order` picks (a permutation seed). */
export function withKeyOrder(v: Value, seed: number): Value {
  if (Array.isArray(v)) return v.map((x) => withKeyOrder(x, seed + 1))
  if (v === null || typeof v !== 'object') return v
  const keys = Object.keys(v)
  const shuffled = shuffle(keys, seed)
  const out: Record<string, Value> = {}
  for (const k of shuffled) out[k] = withKeyOrder((v as Record<string, Value>)[k] as Value, seed + 7)
  return out
}

/** A deterministic Fisher–Yates shuffle driven by a small LCG. */
export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = xs.slice()
  let s = (seed * 2654435761) >>> 0 || 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}
