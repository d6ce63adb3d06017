/** compareExpectation: a result against its spec's expect block. */
import { describe, expect, it } from 'vitest'
import { compareExpectation } from '../../src/core/expect.ts'
import type { CheckResult, PropertyResult } from '../../src/index.ts'

const result = (properties: PropertyResult[], complete = true): CheckResult =>
  ({
    spec: 's',
    model: 'm',
    params: {},
    strategy: 'bfs',
    workers: 1,
    complete,
    decidedEarly: false,
    stats: { distinct: 10, total: 20, depth: 3, seconds: 0, collisionProbability: 0, visitedBytes: 0, queuePeak: 0 },
    properties,
    coverage: [],
    neverFired: [],
    warnings: [],
  }) as unknown as CheckResult

const trace = (n: number) => ({ steps: Array.from({ length: n }, () => ({ action: null, state: 0 })) })
const holds = (name: string): PropertyResult => ({ name, kind: 'always', verdict: 'holds' })
const violated = (name: string, n: number): PropertyResult => ({ name, kind: 'always', verdict: 'violated', trace: trace(n) })

describe('compareExpectation', () => {
  it('matches when verdicts, lengths and counts agree', () => {
    const r = result([holds('A'), violated('B', 4)])
    const rep = compareExpectation({ distinct: 10, total: 20, depth: 3, violated: { B: { length: 4 } } }, r, { compareCounts: true })
    expect(rep).toEqual({ ok: true, mismatches: [], countsCompared: true })
  })

  it('a spec without `violated` expects every property to hold', () => {
    expect(compareExpectation(undefined, result([violated('A', 2)]), { compareCounts: true }).mismatches).toEqual([
      { what: 'A verdict', expected: 'holds', actual: 'violated' },
    ])
  })

  it('reports a wrong length, a missing violation and an unchecked expected property', () => {
    const rep = compareExpectation({ violated: { A: { length: 3 }, B: {}, C: {} } }, result([violated('A', 4), holds('B')]), { compareCounts: false })
    expect(rep.mismatches).toEqual([
      { what: 'A counterexample length', expected: '3', actual: '4' },
      { what: 'B verdict', expected: 'violated', actual: 'holds' },
      { what: 'C verdict', expected: 'violated', actual: 'not checked' },
    ])
  })

  it('an expected violation that stayed unknown is a mismatch', () => {
    const rep = compareExpectation({ violated: { A: {} } }, result([{ name: 'A', kind: 'always', verdict: 'unknown' }], false), { compareCounts: true })
    expect(rep.mismatches).toEqual([{ what: 'A verdict', expected: 'violated', actual: 'unknown' }])
  })

  it('compares counts only when asked and when the search was complete', () => {
    const want = { distinct: 11, total: 20, depth: 4 }
    expect(compareExpectation(want, result([]), { compareCounts: true }).mismatches).toEqual([
      { what: 'distinct states', expected: '11', actual: '10' },
      { what: 'depth', expected: '4', actual: '3' },
    ])
    expect(compareExpectation(want, result([]), { compareCounts: false })).toMatchObject({ ok: true, countsCompared: false })
    expect(compareExpectation(want, result([], false), { compareCounts: true })).toMatchObject({ ok: true, countsCompared: false })
  })
})
