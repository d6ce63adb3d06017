import { describe, expect, it } from 'vitest'
import { List, Map as IMap, OrderedSet, Record as IRecord, Seq, Set as ISet, Stack } from 'immutable'
import { traceShape } from '../../src/state/trace-value.ts'
import { toItfValue } from '../../src/trace/itf-value.ts'

describe('traceShape: what a trace can hold (one rule for the writer and the action check)', () => {
  it('classifies every value the writer takes', () => {
    const kinds = [true, 'a', 3n, null, 0.5, -0, [1], new Set([1]), ISet([1]), OrderedSet([1]), new Map([[1, 2]]), IMap({ a: 1 }), List([1]), Stack([1]), IRecord({ a: 1 })(), { a: 1 }, Object.create(null)].map(
      (v) => traceShape(v).kind,
    )
    expect(kinds).toEqual(['leaf', 'leaf', 'leaf', 'leaf', 'leaf', 'leaf', 'array', 'set', 'set', 'set', 'map', 'map', 'list', 'list', 'record', 'record', 'record'])
  })

  it('says why a value cannot be held, and the writer says the same', () => {
    class Point {}
    const bad: [unknown, string][] = [
      [undefined, 'is undefined'],
      [NaN, 'is NaN'],
      [Infinity, 'is Infinity'],
      [() => 1, 'is a function'],
      [Symbol('s'), 'is a symbol'],
      [new Point(), 'is an instance of Point'],
      [Seq([1, 2]), 'is an Immutable.js Seq (make it a List, Set or Map)'],
    ]
    for (const [v, why] of bad) {
      expect(traceShape(v)).toEqual({ kind: 'bad', why })
      expect(() => toItfValue({ x: [v] }, 'state')).toThrow(`state.x[0] ${why}, which a state may not hold`)
    }
  })
})
