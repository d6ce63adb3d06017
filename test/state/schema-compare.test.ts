/**
 * The comparator compiled from a union schema (src/state/schema-compare.ts) against
 * `compareValues`: on values that match the schema it must give the same sign on every pair (the
 * order of a bag of messages is part of the state: fingerprints, counts and traces read it), for
 * Raft's messages and for random unions, whose variants share keys, share whole key sets (the
 * tag then decides between them at its place in the sorted keys) and hold composite fields.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareValues } from '../../src/index.ts'
import type { Value } from '../../src/index.ts'
import type { Schema } from '../../src/core/schema.ts'
import { schema } from '../../src/state/schema.ts'
import { compileSchemaCompare } from '../../src/state/schema-compare.ts'
import { bagAdd } from '../../src/net/network.ts'
import { messageSchema } from '../../models/raft.ts'
import { shuffle } from './arbitraries.ts'

const RUNS = { numRuns: 400, seed: 14 }

/** Values matching `s`, every record's keys in an order the generator picks. */
function valueOf(s: Schema): fc.Arbitrary<Value> {
  switch (s.kind) {
    case 'enum':
      return fc.constantFrom(...s.values)
    case 'int':
      return fc.integer({ min: s.min, max: s.max })
    case 'bool':
      return fc.boolean()
    case 'nullable':
      return fc.option(valueOf(s.of), { nil: null })
    case 'list':
      return fc.array(valueOf(s.of), { maxLength: 3 })
    case 'record':
      return recordOf(s.fields, {})
    case 'union':
      return fc.oneof(...Object.entries(s.variants).map(([name, fields]) => recordOf(fields, { [s.tag]: name })))
    case 'any':
      return fc.constant(null)
  }
}

function recordOf(fields: Readonly<Record<string, Schema>>, fixed: Record<string, Value>): fc.Arbitrary<Value> {
  const names = Object.keys(fields).filter((k) => !(k in fixed))
  return fc.tuple(fc.tuple(...names.map((k) => valueOf(fields[k] as Schema))), fc.nat()).map(([vs, seed]) => {
    const all: [string, Value][] = [...names.map((k, i): [string, Value] => [k, vs[i] as Value]), ...Object.entries(fixed)]
    return Object.fromEntries(shuffle(all, seed)) as Value
  })
}

const sign = (x: number): number => Math.sign(x) + 0

/** Pairs of values of `s`, with the same pair again as equal copies (not the same objects). */
function agrees(s: Schema): void {
  const compare = compileSchemaCompare(s)
  if (compare === undefined) throw new Error('not a union')
  const v = valueOf(s)
  fc.assert(
    fc.property(v, v, (a, b) => {
      expect(sign(compare(a, b))).toBe(sign(compareValues(a, b)))
      expect(sign(compare(b, a))).toBe(sign(compareValues(b, a)))
      expect(compare(a, structuredClone(a))).toBe(0)
      expect(compare(a, a)).toBe(0)
    }),
    RUNS,
  )
}

const raft = { servers: ['s1', 's2', 's3'], maxTerm: 3, maxLog: 2, budget: {} }

describe('a union schema compiles to compareValues on its values', () => {
  it("Raft's messages", () => agrees(messageSchema(raft)))

  it('random unions: shared keys, equal key sets, a variant declaring the tag, composite fields', () => {
    const field = fc.constantFrom<Schema>(
      schema.int(0, 3),
      schema.enum('p', 'q', 'pq'),
      schema.bool(),
      schema.nullable(schema.int(-1, 1)),
      schema.list(schema.int(0, 2)),
      schema.record({ a: schema.int(0, 1), b: schema.enum('x', 'y') }),
      schema.union('k', { A: {}, B: { n: schema.int(0, 1) } }),
    )
    const keys = fc.constantFrom('a', 'b', 'from', 'to', 'term', 'type', 'z', 'A', '')
    const variant = fc.dictionary(keys, field, { maxKeys: 4, noNullPrototype: true })
    const union = fc.dictionary(fc.constantFrom('X', 'Y', 'Z', 'W', 'Vote', ''), variant, { minKeys: 1, maxKeys: 5, noNullPrototype: true })
    fc.assert(
      fc.property(union, fc.nat(), (variants, seed) => {
        // Half the unions give every variant the same keys (the tag alone then orders them).
        const same = seed % 2 === 0 ? Object.values(variants)[0] ?? {} : undefined
        const s = schema.union('type', same === undefined ? variants : Object.fromEntries(Object.keys(variants).map((n) => [n, same])))
        const compare = compileSchemaCompare(s) as (a: Value, b: Value) => number
        const [a, b] = fc.sample(valueOf(s), { numRuns: 2, seed })
        expect(sign(compare(a as Value, b as Value))).toBe(sign(compareValues(a as Value, b as Value)))
        expect(sign(compare(b as Value, a as Value))).toBe(sign(compareValues(b as Value, a as Value)))
      }),
      { numRuns: 2000, seed: 14 },
    )
  })

  it('falls back to compareValues on values outside the union (no tag, an unknown tag, not records)', () => {
    const compare = compileSchemaCompare(messageSchema(raft)) as (a: Value, b: Value) => number
    const odd: Value[] = [null, 3, 'Vote', [1], {}, { type: 'Nope', a: 1 }, { term: 1 }, { type: 'Vote', from: 's1', to: 's2', term: 1, granted: true }]
    for (const a of odd) for (const b of odd) expect(sign(compare(a, b))).toBe(sign(compareValues(a, b)))
  })

  it('gives the bag of messages the order compareValues gives it', () => {
    const s = messageSchema(raft)
    const compare = compileSchemaCompare(s) as (a: Value, b: Value) => number
    fc.assert(
      fc.property(fc.array(valueOf(s), { maxLength: 12 }), (ms) => {
        let x: readonly Value[] = []
        let y: readonly Value[] = []
        for (const m of ms) {
          x = bagAdd(x, m)
          y = bagAdd(y, m, compare)
        }
        // The same elements at the same places (equal copies kept in their order of arrival).
        expect(y.length).toBe(x.length)
        y.forEach((m, i) => expect(m).toBe(x[i]))
      }),
      RUNS,
    )
  })

  it('is not compiled for a schema that is not a union', () => {
    expect(compileSchemaCompare(schema.record({ a: schema.int(0, 1) }))).toBeUndefined()
  })
})
