/**
 * Packed layouts: every field reads back what was written, without disturbing its neighbours;
 * decode ∘ encode is the identity on plain states of the layout; values outside a domain are
 * refused with the field's name.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LayoutError, layout, packed } from '../../src/packed/index.ts'
import { setOf } from '../../src/index.ts'

const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']
const universe = [{ type: 'Commit' }, { type: 'Abort' }, ...keys.map((rm) => ({ type: 'Prepared', rm }))]

const make = () =>
  layout({
    phase: packed.enum('init', 'committed', 'aborted'),
    ballot: packed.int(-3, 40),
    flag: packed.bool(),
    votes: packed.mapOfEnum(keys, 'none', 'yes', 'no'),
    counts: packed.mapOfInt(keys, 0, 5),
    seen: packed.mapOfBool(keys),
    msgs: packed.setOf(universe),
  })

const plainState = fc.record({
  phase: fc.constantFrom('init', 'committed', 'aborted'),
  ballot: fc.integer({ min: -3, max: 40 }),
  flag: fc.boolean(),
  votes: fc.record(Object.fromEntries(keys.map((k) => [k, fc.constantFrom('none', 'yes', 'no')]))),
  counts: fc.record(Object.fromEntries(keys.map((k) => [k, fc.integer({ min: 0, max: 5 })]))),
  seen: fc.record(Object.fromEntries(keys.map((k) => [k, fc.boolean()]))),
  msgs: fc.subarray(universe).map((xs) => setOf(...xs)),
})

describe('packed layout', () => {
  it('decodes what it encodes, for every plain state of the layout', () => {
    const L = make()
    const t = L.blank()
    fc.assert(
      fc.property(plainState, (s) => {
        L.encode(s, t)
        expect(L.decode(t)).toEqual(s)
      }),
    )
  })

  it('sets one field without touching the others', () => {
    const L = make()
    const f = L.fields
    fc.assert(
      fc.property(plainState, fc.integer({ min: 0, max: keys.length - 1 }), fc.constantFrom('none', 'yes', 'no'), (s, i, v) => {
        const t = L.blank()
        L.encode(s, t)
        f.votes.set(t, i, v)
        const want = { ...s, votes: { ...s.votes, [keys[i]!]: v } }
        expect(L.decode(t)).toEqual(want)
        f.msgs.add(t, 0)
        expect(f.msgs.has(t, 0)).toBe(true)
        expect(f.msgs.size(t)).toBe(setOf(...s.msgs, f.msgs.universe[0]!).length)
        f.msgs.remove(t, 0)
        expect(f.msgs.has(t, 0)).toBe(false)
      }),
    )
  })

  it('spreads a layout over as few words as fit, fields never straddling a word', () => {
    expect(layout({ x: packed.setOf(Array.from({ length: 32 }, (_, i) => i)) }).words).toBe(1)
    expect(layout({ x: packed.setOf(Array.from({ length: 33 }, (_, i) => i)) }).words).toBe(2)
    // 3-bit values: ten fill 30 bits of a word; the eleventh starts the next word.
    const eleven = keys.slice(0, 11)
    const L = layout({ m: packed.mapOfEnum(eleven, 'v0', 'v1', 'v2', 'v3', 'v4') })
    expect(L.words).toBe(2)
    const t = L.blank()
    eleven.forEach((_, i) => L.fields.m.set(t, i, 'v4'))
    expect(t[0]).toBe(0b100_100_100_100_100_100_100_100_100_100)
    expect(t[1]).toBe(0b100)
    // A domain of 2^k values takes k bits, not k + 1: 16 four-valued entries, or 32 booleans,
    // fill one word exactly (one bit more each took a second word: sound, but twice the memory).
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`)
    expect(layout({ m: packed.mapOfEnum(ids(16), 'a', 'b', 'c', 'd') }).words).toBe(1)
    expect(layout({ m: packed.mapOfBool(ids(32)) }).words).toBe(1)
    expect(layout({ m: packed.mapOfInt(ids(8), 0, 15) }).words).toBe(1)
  })

  it('refuses values outside a domain, naming the field', () => {
    const L = make()
    const t = L.blank()
    expect(() => L.fields.phase.set(t, 'prepared' as 'init')).toThrow(/phase: "prepared" is not in its domain/)
    expect(() => L.fields.ballot.set(t, 41)).toThrow(/ballot: 41/)
    expect(() => L.fields.votes.set(t, 99, 'yes')).toThrow(LayoutError)
    expect(() => L.encode({ phase: 'init' }, t)).toThrow(/state.ballot is missing/)
    expect(() => L.encode({ ...L.decode(L.blank()), msgs: [{ type: 'Nope' }] }, t)).toThrow(/state.msgs: .* not in the set's universe/)
    expect(() => L.encode({ ...L.decode(L.blank()), extra: 1 }, t)).toThrow(/field extra is not in the layout/)
  })

  it('compiles each handle to code that agrees with its generic methods', () => {
    // `make()` has maps and sets that straddle words (looked-up slots) and, here, ones that fit
    // one word (slots computed from the key index): both kinds of generated code are compared.
    const L = make()
    const M = layout({ votes: packed.mapOfEnum(keys.slice(0, 8), 'none', 'yes', 'no'), n: packed.mapOfInt(keys.slice(0, 4), 2, 5), b: packed.mapOfBool(keys.slice(0, 3)), msgs: packed.setOf(universe), on: packed.bool(), k: packed.int(-2, 9) })
    const generic = <F extends object>(f: F, m: string): ((...a: unknown[]) => unknown) => {
      const own = (f as Record<string, unknown>)[m]
      const proto = (Object.getPrototypeOf(f) as Record<string, (...a: unknown[]) => unknown>)[m]!
      expect(own).not.toBe(proto) // the handle was specialised
      return (...a) => proto.apply(f, a)
    }
    const words = fc.array(fc.integer(), { minLength: 4, maxLength: 4 }).map((xs) => Int32Array.from(xs))
    for (const [name, field] of [...Object.entries(L.fields), ...Object.entries(M.fields)]) {
      fc.assert(
        fc.property(words, fc.nat(20), (s, i) => {
          const f = field as unknown as Record<string, (...a: unknown[]) => unknown>
          if ('keys' in field) {
            const k = i % field.keys.length
            // Codes past the domain's end (raw words no setter writes) read as nothing generically.
            const g = generic(field, 'get')(s, k)
            if (g !== undefined) expect(f.get!(s, k), name).toEqual(g)
            for (const v of field.values) {
              expect(f.every!(s, v)).toBe(generic(field, 'every')(s, v))
              expect(f.some!(s, v)).toBe(generic(field, 'some')(s, v))
              const [a, b] = [Int32Array.from(s), Int32Array.from(s)]
              f.set!(a, k, v)
              generic(field, 'set')(b, k, v)
              expect(a).toEqual(b)
            }
          } else if ('universe' in field) {
            const k = i % field.universe.length
            expect(f.has!(s, k)).toBe(generic(field, 'has')(s, k))
            expect(f.size!(s)).toBe(generic(field, 'size')(s))
            expect(f.isEmpty!(s)).toBe(generic(field, 'isEmpty')(s))
            for (const m of ['add', 'remove']) {
              const [a, b] = [Int32Array.from(s), Int32Array.from(s)]
              f[m]!(a, k)
              generic(field, m)(b, k)
              expect(a).toEqual(b)
            }
          } else {
            const g = generic(field, 'get')(s)
            if (g !== undefined) expect(f.get!(s), name).toEqual(g)
            for (const v of field.values) {
              const [a, b] = [Int32Array.from(s), Int32Array.from(s)]
              f.set!(a, v)
              generic(field, 'set')(b, v)
              expect(a).toEqual(b)
            }
          }
        }),
        { numRuns: 200 },
      )
    }
    expect(() => M.fields.votes.set(M.blank(), 8, 'yes')).toThrow(/votes\[8\]: "yes" is not in its domain/)
    expect(() => M.fields.votes.set(M.blank(), 1.5, 'yes')).toThrow(LayoutError)
    expect(() => M.fields.k.set(M.blank(), 2.5)).toThrow(/k: 2.5 is not in its domain/)
    expect(() => M.fields.msgs.add(M.blank(), -1)).toThrow(/msgs: element index -1 is outside the universe/)
  })

  it('refuses a handle reused in a second layout', () => {
    const f = packed.bool()
    layout({ f })
    expect(() => layout({ g: f })).toThrow(/already part of a layout/)
  })
})
