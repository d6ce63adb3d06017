/**
 * The canonical fingerprint (src/state/fingerprint.ts): equal states have equal fingerprints however
 * they were built (key order, construction history, plain or Immutable.js form); different states
 * have different ones; values a state may not hold are rejected with their path.
 */
import fc from 'fast-check'
import { List, Map as IMap, OrderedMap, OrderedSet, Record as IRecord, Set as ISet, Stack } from 'immutable'
import { describe, expect, it } from 'vitest'
import { setAdd, setOf, valuesEqual } from '../../src/index.ts'
import type { SetOf, Value } from '../../src/index.ts'
import { StateValueError, explainBadValue, fingerprint, fingerprintHex, fp, recordFingerprintParts, rememberFingerprintParts } from '../../src/state/fingerprint.ts'
import { plainState, plainValue, shuffle, withKeyOrder } from './arbitraries.ts'

const RUNS = { numRuns: 400, seed: 42 }

/** Converts a plain value to an Immutable.js form, choosing Map/OrderedMap/Record per record. */
function toImmutable(v: Value, pick: number): unknown {
  if (Array.isArray(v)) return List(v.map((x, i) => toImmutable(x, pick + i + 1)))
  if (v === null || typeof v !== 'object') return v
  const entries = Object.entries(v).map(([k, x], i) => [k, toImmutable(x, pick * 3 + i)] as [string, unknown])
  switch (pick % 3) {
    case 0:
      return IMap(entries)
    case 1:
      return OrderedMap(shuffle(entries, pick))
    default: {
      // A Record type with these keys (defaults differ from the values, so the values are set).
      const defaults: Record<string, unknown> = Object.fromEntries(entries.map(([k]) => [k, 'default']))
      return IRecord(defaults)(Object.fromEntries(entries) as Partial<Record<string, unknown>>)
    }
  }
}

/** Rebuilds a value through a different construction history: arrays by push, records by
 * deleting a temporary key, and sets (sorted arrays) through setAdd in reverse order. */
function rebuilt(v: Value): Value {
  if (Array.isArray(v)) {
    const out: Value[] = []
    for (const x of v) out.push(rebuilt(x))
    return out
  }
  if (v === null || typeof v !== 'object') return v
  const out: Record<string, Value> = { zzz_tmp: 1 }
  for (const k of Object.keys(v).reverse()) out[k] = rebuilt((v as Record<string, Value>)[k] as Value)
  if (!Object.prototype.hasOwnProperty.call(v, 'zzz_tmp')) delete out.zzz_tmp
  return out
}

describe('canonical fingerprint', () => {
  it('is insensitive to key order at every depth', () => {
    fc.assert(
      fc.property(plainState, fc.nat(), (s, seed) => {
        expect(fingerprintHex(withKeyOrder(s, seed))).toBe(fingerprintHex(s))
      }),
      RUNS,
    )
  })

  it('is insensitive to how a value was built', () => {
    fc.assert(
      fc.property(plainState, (s) => {
        expect(fingerprintHex(rebuilt(s))).toBe(fingerprintHex(s))
        expect(fingerprintHex(Object.assign(Object.create(null), s))).toBe(fingerprintHex(s))
      }),
      RUNS,
    )
    fc.assert(
      fc.property(fc.array(plainValue, { maxLength: 6 }), (xs) => {
        const viaAdd = [...xs].reverse().reduce<SetOf<Value>>((set, x) => setAdd(set, x), setOf<Value>())
        expect(fingerprintHex(viaAdd)).toBe(fingerprintHex(setOf(...xs)))
      }),
      RUNS,
    )
  })

  it('equal values have equal fingerprints, different values different ones', () => {
    fc.assert(
      fc.property(plainValue, plainValue, (a, b) => {
        expect(fingerprintHex(a) === fingerprintHex(b)).toBe(valuesEqual(a, b))
      }),
      RUNS,
    )
    // Values that are close but not equal.
    const near: Value[] = [0, 1, 1.5, '1', 1n, true, null, '', [], {}, [0], { '0': 0 }, [[]], [null], { a: 'b' }, { b: 'a' },
      { a: 1, b: 2 }, { a: 2, b: 1 }, ['a', 'b'], ['b', 'a'], 2 ** 31, -(2 ** 31), 2 ** 31 - 1, 2 ** 53, 'ab', 'ba']
    const hexes = near.map(fingerprintHex)
    expect(new Set(hexes).size).toBe(near.length)
  })

  it('plain and Immutable.js forms of the same value are equal (List ≡ array; Map, OrderedMap, Record ≡ object)', () => {
    fc.assert(
      fc.property(plainValue, fc.nat(), (v, pick) => {
        expect(fingerprintHex(toImmutable(v, pick))).toBe(fingerprintHex(v))
      }),
      RUNS,
    )
    const R = IRecord({ a: 1, b: 'x' })
    expect(fingerprintHex(R({ a: 2 }))).toBe(fingerprintHex({ a: 2, b: 'x' }))
    expect(fingerprintHex(R())).toBe(fingerprintHex({ b: 'x', a: 1 }))
    expect(fingerprintHex(IMap({ x: List([1, IMap({ y: null })]) }))).toBe(fingerprintHex({ x: [1, { y: null }] }))
    expect(fingerprintHex(Stack([1, 2]))).toBe(fingerprintHex([1, 2]))
  })

  it('Immutable.Set is order-free and distinct from a list of the same elements', () => {
    fc.assert(
      fc.property(fc.array(plainValue, { maxLength: 6 }), fc.nat(), (xs, seed) => {
        const a = ISet(xs.map((x) => toImmutable(x, 0)))
        const b = ISet(shuffle(xs, seed).map((x) => toImmutable(x, 0)))
        // Immutable.Set dedups by its own value equality, which plain records do not have (only
        // identical references), so compare against the same element list built once.
        expect(fingerprintHex(b)).toBe(fingerprintHex(a))
      }),
      RUNS,
    )
    expect(fingerprintHex(OrderedSet([3, 1, 2]))).toBe(fingerprintHex(ISet([1, 2, 3])))
    expect(fingerprintHex(ISet([1, 2]))).not.toBe(fingerprintHex(List([1, 2])))
    expect(fingerprintHex(ISet([1, 2]))).not.toBe(fingerprintHex([1, 2]))
    expect(fingerprintHex(ISet())).not.toBe(fingerprintHex([]))
    expect(fingerprintHex(ISet([1, 2]))).not.toBe(fingerprintHex(ISet([1, 3])))
  })

  it('hashes cached on shared parts do not depend on where the part sits', () => {
    // The fingerprint may cache the hash of a state's parts on them; a part reused under another
    // key, or in another state, must hash as a fresh copy of it would.
    fc.assert(
      fc.property(plainState, (s) => {
        fingerprintHex(s)
        const keys = Object.keys(s)
        const rotated: Record<string, Value> = {}
        keys.forEach((k, i) => (rotated[k] = s[keys[(i + 1) % keys.length] as string] as Value))
        const nested = { outer: s, again: [s, rotated] }
        expect(fingerprintHex(rotated)).toBe(fingerprintHex(structuredClone(rotated)))
        expect(fingerprintHex(nested)).toBe(fingerprintHex(structuredClone(nested)))
      }),
      RUNS,
    )
  })

  it('is stable across runs and machines (pinned values)', () => {
    // If the hash function changes, checkpoints and reported fingerprints change: do it on purpose.
    const pinned = [null, 0, 'r1', [1, 2], { a: 1, b: [true, null] }, 1.5, 12345678901234567890n]
    expect(pinned.map(fingerprintHex)).toMatchInlineSnapshot(`
      [
        "1b8735932f8a2bf1",
        "09f45f691388a0fb",
        "c271365265ea4063",
        "02a303577df9eedb",
        "ed941dcb43cabffd",
        "68dd22b6ec9239d1",
        "3ed8f2c47f3851f9",
      ]
    `)
  })

  it('never yields the all-zero fingerprint (reserved for empty slots)', () => {
    fc.assert(
      fc.property(plainValue, (v) => {
        fingerprint(v)
        expect(fp.hi !== 0 || fp.lo !== 0).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('remembered parts (the hashes of a parent state\'s parts, reused for its successors)', () => {
  const cold = (v: unknown): string => {
    fingerprint(null)
    rememberFingerprintParts() // remembers nothing
    fingerprint(v)
    return `${fp.hi}:${fp.lo}`
  }

  it('give successors the fingerprints they have cold, whichever parts they share or move', () => {
    fc.assert(
      fc.property(plainValue, plainValue, plainValue, (a, b, c) => {
        const parent = { x: { v: a }, y: [b], z: c }
        const kids: unknown[] = [
          parent,
          { ...parent },
          { ...parent, z: 1 },
          { x: parent.y, y: parent.x, z: c }, // parts swapped between fields
          { x: { v: a }, y: [b], z: c }, // equal parts, other instances
          [parent.x, parent.y], // the parts under an array
          { x: { inner: parent.x }, y: parent.y }, // a part one level deeper
        ]
        const expected = kids.map(cold)
        recordFingerprintParts()
        fingerprint(parent)
        rememberFingerprintParts()
        kids.forEach((k, i) => {
          fingerprint(k)
          expect(`${fp.hi}:${fp.lo}`).toBe(expected[i])
        })
      }),
      RUNS,
    )
  })

  it('give the fingerprints they have cold to successors that change a part deep inside, insert or remove elements, or move parts, after parents recorded one after the other', () => {
    // A state like an actor model's: nodes' records by id, a network with a sorted list of messages.
    const node = fc.record({ role: fc.constantFrom('a', 'b'), log: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), seen: fc.record({ x: fc.nat(2), y: fc.nat(2) }) })
    const msg = fc.record({ type: fc.constantFrom('M', 'N'), to: fc.constantFrom('n1', 'n2'), n: fc.nat(3) })
    const state = fc.record({ nodes: fc.record({ n1: node, n2: node }), net: fc.record({ inFlight: fc.array(msg, { maxLength: 5 }), down: fc.constant([] as string[]) }), ghost: plainValue })
    type S = { nodes: Record<string, { role: string; log: number[]; seen: { x: number; y: number } }>; net: { inFlight: { type: string; to: string; n: number }[]; down: string[] }; ghost: Value }
    const successors = (s: S, m: { type: string; to: string; n: number }, k: number): unknown[] => {
      const f = s.net.inFlight
      const i = f.length === 0 ? 0 : k % f.length
      return [
        s,
        { ...s, nodes: { ...s.nodes, n1: { ...s.nodes.n1!, seen: { ...s.nodes.n1!.seen, x: k } } } }, // deep change
        { ...s, nodes: { n1: s.nodes.n2, n2: s.nodes.n1 } }, // nodes swapped
        { ...s, net: { ...s.net, inFlight: [...f.slice(0, i), m, ...f.slice(i)] } }, // a message inserted
        { ...s, net: { ...s.net, inFlight: [...f.slice(0, i), ...f.slice(i + 1)] } }, // a message consumed
        { ...s, net: { ...s.net, inFlight: [...f.slice(0, i), ...f.slice(i + 1), m] } }, // consumed and sent
        { ghost: s.ghost, net: s.net, nodes: s.nodes }, // another key order
        [s.nodes, s.net], // the parts under an array
        { ...s, nodes: { ...s.nodes, n2: s.net } }, // a part where another was
      ]
    }
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 4 }), msg, fc.nat(), (parents, m, k) => {
        const all = parents.map((p, j) => successors(p as S, m, k + j))
        const expected = all.map((kids) => kids.map(cold))
        all.forEach((kids, j) => {
          // The parent is hashed after the previous one was remembered (as a search does), so its
          // own pass follows the previous parent's parts.
          recordFingerprintParts()
          fingerprint(parents[j])
          rememberFingerprintParts()
          kids.forEach((t, i) => {
            fingerprint(t)
            expect(`${fp.hi}:${fp.lo}`).toBe(expected[j]![i])
          })
          // Each successor is also a parent, as the next level's states are.
          recordFingerprintParts()
          fingerprint(kids[(k + j) % kids.length])
          expect(`${fp.hi}:${fp.lo}`).toBe(expected[j]![(k + j) % kids.length])
          rememberFingerprintParts()
          kids.forEach((t, i) => {
            fingerprint(t)
            expect(`${fp.hi}:${fp.lo}`).toBe(expected[j]![i])
          })
        })
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it('write nothing on the values (a property there would slow every spread of them)', () => {
    const parent = { rmState: { r1: 'working', r2: 'prepared' }, msgs: [{ type: 'Commit' }] }
    fingerprint(parent)
    rememberFingerprintParts()
    fingerprint({ ...parent, msgs: [] })
    for (const v of [parent, parent.rmState, parent.msgs]) {
      expect(Reflect.ownKeys(v)).toEqual(Object.keys(v).concat(Array.isArray(v) ? ['length'] : []))
    }
  })
})

describe('values a state may not hold are rejected with their path', () => {
  class Point {
    constructor(readonly x: number) {}
  }
  const bad: [string, () => unknown, RegExp][] = [
    ['-0', () => -0, /is -0/],
    ['NaN', () => NaN, /is NaN/],
    ['Infinity', () => Infinity, /is Infinity/],
    ['-Infinity', () => -Infinity, /is -Infinity/],
    ['undefined', () => undefined, /is undefined/],
    ['a function', () => () => 1, /is a function/],
    ['a symbol', () => Symbol('s'), /is a symbol/],
    ['a JS Map', () => new Map([[1, 2]]), /is a JS Map/],
    ['a JS Set', () => new Set([1]), /is a JS Set/],
    ['a class instance', () => new Point(1), /is an instance of class Point/],
    ['a Date', () => new Date(0), /is an instance of class Date/],
  ]

  /** A random plain state with the bad value planted at a random path; returns the path. */
  const planted = (make: () => unknown) =>
    fc.tuple(plainState, fc.array(fc.oneof(fc.constantFrom('a', 'b', 'x y'), fc.nat({ max: 2 })), { maxLength: 4 })).map(([s, route]) => {
      let path = 'state'
      const root: Record<string, unknown> = { ...s }
      let here: Record<string, unknown> | unknown[] = root
      let last: string | number = 'leaf'
      for (const step of route) {
        if (typeof step === 'number') {
          const arr: unknown[] = [1, 'two', null]
          ;(here as Record<string, unknown>)[last as string] = arr
          path += typeof last === 'number' ? `[${last}]` : `.${last}`
          here = arr
        } else {
          const obj: Record<string, unknown> = { ok: 1 }
          ;(here as Record<string, unknown>)[last as string] = obj
          path += typeof last === 'number' ? `[${last}]` : `.${last}`
          here = obj
        }
        last = step
      }
      ;(here as Record<string, unknown>)[last as string] = make()
      path += typeof last === 'number' ? `[${last}]` : `.${last}`
      return { state: root, path }
    })

  for (const [what, make, message] of bad) {
    it(`rejects ${what}, naming the path`, () => {
      fc.assert(
        fc.property(planted(make), ({ state, path }) => {
          expect(() => fingerprint(state)).toThrow(StateValueError)
          const e = explainBadValue(state)
          expect(e).toBeInstanceOf(StateValueError)
          expect(e!.path).toBe(path)
          expect(e!.message).toMatch(message)
        }),
        { numRuns: 60, seed: 7 },
      )
    })
  }

  it('names paths inside Immutable.js collections too', () => {
    expect(explainBadValue({ m: IMap({ k: List([1, undefined]) }) })?.path).toBe('state.m.k[1]')
    expect(explainBadValue(List([{ a: NaN }]))?.path).toBe('state[0].a')
  })

  it('a valid state explains as undefined', () => {
    expect(explainBadValue({ a: [1, 'x', null, { b: false }] })).toBeUndefined()
  })
})
