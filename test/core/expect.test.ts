/** compareExpectation: a result against its spec's expect block. */
import { describe, expect, it } from 'vitest'
import { compareExpectation, comparisonScope } from '../../src/core/expect.ts'
import type { CheckResult, PropertyResult } from '../../src/index.ts'

const result = (properties: PropertyResult[], complete = true, neverFired: string[] = [], decidedEarly = false): CheckResult =>
  ({
    spec: 's',
    model: 'm',
    params: {},
    strategy: 'bfs',
    workers: 1,
    complete,
    decidedEarly,
    stats: { distinct: 10, total: 20, depth: 3, seconds: 0, collisionProbability: 0, visitedBytes: 0, queuePeak: 0 },
    properties,
    coverage: [],
    neverFired,
    warnings: [],
  }) as unknown as CheckResult

const trace = (n: number) => ({ steps: Array.from({ length: n }, () => ({ action: null, state: 0 })) })
const holds = (name: string): PropertyResult => ({ name, kind: 'always', verdict: 'holds' })
const violated = (name: string, n: number): PropertyResult => ({ name, kind: 'always', verdict: 'violated', trace: trace(n) })

describe('compareExpectation', () => {
  it('matches when verdicts, lengths and counts agree', () => {
    const r = result([holds('A'), violated('B', 4)])
    const rep = compareExpectation({ distinct: 10, total: 20, depth: 3, violated: { B: { length: 4 } } }, r, { compareCounts: true })
    expect(rep).toEqual({ ok: true, mismatches: [], countsCompared: true, unexpectedlyNeverTaken: [], expectedViolations: ['B'] })
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

  it('speaks of a sometimes as the summary does: witnessed or never reached, not holds or violated', () => {
    const never: PropertyResult = { name: 'W', kind: 'sometimes', verdict: 'violated' }
    const seen: PropertyResult = { name: 'V', kind: 'sometimes', verdict: 'holds' }
    expect(compareExpectation({ violated: { V: {} } }, result([never, seen]), { compareCounts: false }).mismatches).toEqual([
      { what: 'W verdict', expected: 'witnessed', actual: 'never reached' },
      { what: 'V verdict', expected: 'never reached', actual: 'witnessed' },
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

  it('a DFS run to the end: its distinct and generated counts, not its depth (a stack\'s); not an early stop', () => {
    const want = { distinct: 11, total: 21, depth: 4 }
    const dfs = { compareCounts: true, wholeCountsOnly: true }
    expect(compareExpectation(want, result([]), dfs).mismatches).toEqual([
      { what: 'distinct states', expected: '11', actual: '10' },
      { what: 'generated states (total)', expected: '21', actual: '20' },
    ])
    expect(compareExpectation({ distinct: 10, total: 20, depth: 9 }, result([]), dfs)).toMatchObject({ ok: true, countsCompared: true })
    // Stopped once every property was decided: where DFS stops is not where the BFS stops.
    expect(compareExpectation(want, result([], true, [], true), dfs)).toMatchObject({ ok: true, countsCompared: false, countsSkipped: 'strategy dfs stopped once every property was decided' })
  })

  it('a DFS with a view or a depth bound: its distinct count, not its generated one, and says so', () => {
    const dfs = { compareCounts: true, wholeCountsOnly: true, distinctOnly: 'strategy dfs with a view' }
    expect(compareExpectation({ distinct: 10, total: 21 }, result([]), dfs)).toMatchObject({ ok: true, countsCompared: true, totalSkipped: 'strategy dfs with a view' })
    expect(compareExpectation({ distinct: 11, total: 21 }, result([]), dfs).mismatches).toEqual([{ what: 'distinct states', expected: '11', actual: '10' }])
    // Counts not compared: nothing to say of the generated one.
    expect(compareExpectation({ distinct: 10, total: 21 }, result([], false), dfs).totalSkipped).toBeUndefined()
  })

  it('says that no counts were compared where the spec pins none (not that they were met)', () => {
    for (const want of [undefined, {}, { violated: { A: {} } }]) {
      const r = result(want === undefined || !('violated' in want) ? [] : [violated('A', 2)])
      expect(compareExpectation(want, r, { compareCounts: true })).toMatchObject({ ok: true, countsCompared: false, countsSkipped: 'none pinned' })
    }
    expect(compareExpectation({ depth: 3 }, result([]), { compareCounts: true })).toMatchObject({ ok: true, countsCompared: true })
  })

  it('properties selected are said in every scope, DFS and other parameters too (their reproduce lines carry those flags)', () => {
    const spec = { name: 's', model: { name: 'm' }, params: { n: 1 }, config: {} } as unknown as Parameters<typeof comparisonScope>[0]
    for (const o of [{}, { strategy: 'dfs' as const }, { params: { n: 2 } }]) expect(comparisonScope(spec, { ...o, properties: ['A'] }).selected).toBe(true)
    expect(comparisonScope(spec, { strategy: 'dfs' }).selected).toBeUndefined()
  })

  it('with properties selected, does not hold the run to pinned violations of properties it did not check', () => {
    const want = { violated: { A: { length: 4 }, B: {} } }
    expect(compareExpectation(want, result([violated('A', 4)]), { compareCounts: false, selected: true })).toMatchObject({ ok: true, mismatches: [] })
    expect(compareExpectation(want, result([violated('A', 4)]), { compareCounts: false }).mismatches).toEqual([{ what: 'B verdict', expected: 'violated', actual: 'not checked' }])
    // What it did check is still compared.
    expect(compareExpectation(want, result([holds('A')]), { compareCounts: false, selected: true }).mismatches).toEqual([{ what: 'A verdict', expected: 'violated', actual: 'holds' }])
  })

  it('names an expected violation of a property the run did not check in words, as for one absent, and says why it is undecided', () => {
    const rep = compareExpectation({ violated: { A: {} } }, result([{ name: 'A', kind: 'eventually', verdict: 'not-checked', note: 'simulation does not check liveness' }]), { compareCounts: false })
    expect(rep.mismatches).toEqual([{ what: 'A verdict', expected: 'violated', actual: 'not checked', undecided: 'simulation does not check liveness' }])
  })

  it('pins the actions never taken with the counts: none unless listed, compared only when the whole graph was searched', () => {
    const counts = { distinct: 10, total: 20, depth: 3 }
    // Listed and never taken: met, and not reported as a broken guard.
    const pinned = compareExpectation({ ...counts, neverTaken: ['Timeout', 'Crash'] }, result([], true, ['Crash', 'Timeout']), { compareCounts: true })
    expect(pinned).toMatchObject({ ok: true, unexpectedlyNeverTaken: [] })
    // Not listed: a mismatch (an edit that disables an action fails), and reported.
    const dead = compareExpectation(counts, result([], true, ['Deliver']), { compareCounts: true })
    expect(dead.mismatches).toEqual([{ what: 'actions never taken', expected: 'none', actual: 'Deliver' }])
    expect(dead.unexpectedlyNeverTaken).toEqual(['Deliver'])
    // Listed but taken now: a mismatch too.
    expect(compareExpectation({ ...counts, neverTaken: ['Timeout'] }, result([]), { compareCounts: true }).mismatches).toEqual([
      { what: 'actions never taken', expected: 'Timeout', actual: 'none' },
    ])
    // A search stopped once every property was decided, or cut by a limit, cannot tell.
    expect(compareExpectation(counts, result([], true, ['Deliver'], true), { compareCounts: true })).toMatchObject({ ok: true, unexpectedlyNeverTaken: [] })
    expect(compareExpectation(counts, result([], false, ['Deliver']), { compareCounts: true })).toMatchObject({ ok: true, unexpectedlyNeverTaken: [] })
    // Without pinned counts (or without counts compared: other parameters) only the report.
    expect(compareExpectation({}, result([], true, ['Deliver']), { compareCounts: true })).toMatchObject({ ok: true, unexpectedlyNeverTaken: ['Deliver'] })
    expect(compareExpectation(counts, result([], true, ['Deliver']), { compareCounts: false })).toMatchObject({ ok: true, unexpectedlyNeverTaken: ['Deliver'] })
  })
})
