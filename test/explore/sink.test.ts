/** The successor sink's shared parts: coverage entries, property evaluation, the state suffix. */
import { describe, expect, it } from 'vitest'
import { ModelError } from '../../src/core/errors.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { SafetyTracker } from '../../src/explore/safety-tracker.ts'
import { coverageOf, evaluate, preview, withState } from '../../src/explore/sink.ts'
import type { Coverage } from '../../src/explore/sink.ts'
import counterSpec from '../fixtures/counter.ts'

describe('sink', () => {
  it('makes a coverage entry on an action first firing and hands back the same entry after', () => {
    const m = new Map<string, Coverage>()
    coverageOf(m, 'B').fired++
    const a = coverageOf(m, 'A')
    a.fired++
    a.discovered++
    coverageOf(m, 'B').fired++
    expect([...m]).toEqual([
      ['B', { fired: 2, discovered: 0 }],
      ['A', { fired: 1, discovered: 1 }],
    ])
    expect(coverageOf(m, 'A')).toBe(a)
  })

  it('evaluates a predicate, and names the model, the property and the line when it throws', () => {
    expect(evaluate('m', 'P', (c: number, s: number) => s < c, 3, 2)).toBe(true)
    expect(evaluate('m', 'P', (c: number, s: number) => s < c, 3, 4)).toBe(false)
    const boom = (): boolean => {
      throw new Error('oops')
    }
    expect(() => evaluate('m', 'Fragile', boom, 0, 0)).toThrow(ModelError)
    expect(() => evaluate('m', 'Fragile', boom, 0, 0)).toThrow(/^model m: property Fragile threw: oops \(at boom \(.*sink\.test\.ts:\d+\)\)$/)
    // An answer that is not a boolean (a forgotten `return`) is the property's error, not a violation.
    const forgot = ((_c: number, s: { x: number }) => void s) as unknown as (c: number, s: { x: number }) => boolean
    expect(() => evaluate('m', 'Forgot', forgot, 0, { x: 1 })).toThrow(new ModelError('model m: property Forgot returned undefined, not a boolean'))
    expect(() => evaluate('m', 'Count', (() => 1) as unknown as () => boolean, 0, 0)).toThrow(/^model m: property Count returned 1, not a boolean/)
  })

  it('adds the state to a model error only, shown as `show` gives it', () => {
    const e = withState(new ModelError('model m: next threw: x'), { x: 9 })
    expect(e).toBeInstanceOf(ModelError)
    expect((e as Error).message).toBe('model m: next threw: x, in state {"x":9}')
    const words = Int32Array.of(9)
    expect((withState(new ModelError('p'), words, (w) => ({ x: w[0] })) as Error).message).toBe('p, in state {"x":9}')
    const other = new RangeError('not the model')
    expect(withState(other, { x: 1 }, () => expect.unreachable())).toBe(other)
    expect(preview('a'.repeat(10), 5)).toBe('"aaaa…')
    // A bigint made the state "[object Object]", and a null-prototype one an internal error.
    expect(preview({ big: 2n ** 70n, n: 1 })).toBe('{"big":"1180591620717411303424n","n":1}')
    expect(preview(Object.assign(Object.create(null), { big: 1n }))).toBe('{"big":"1n"}')
  })

  it('a tracker told to check only some properties decides only those, by candidate index', () => {
    const p = prepare(counterSpec, resolveOptions({ params: { limit: 1 } }))
    // Below (x < 1) is index 0, Reached (x = 3) index 1.
    const t = new SafetyTracker(p)
    t.checkOnly([1])
    t.check({ x: 1 }, 0)
    t.check({ x: 3 }, 1)
    expect(t.decided()).toEqual([{ prop: 1, cand: 1 }])
    const both = new SafetyTracker(p)
    both.checkOnly([0, 1])
    both.check({ x: 3 }, 5)
    expect(both.decided()).toEqual([
      { prop: 0, cand: 5 },
      { prop: 1, cand: 5 },
    ])
  })
})
