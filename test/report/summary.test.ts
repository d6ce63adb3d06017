/**
 * The text summary's statistics lines: the visited set's bytes per state are given only where they
 * measure the states (a set starts at a fixed size, which a small run's states do not fill).
 */
import { describe, expect, it } from 'vitest'
import spec from '../../specs/two-phase-commit.ts'
import timeoutAbort from '../../specs/two-phase-commit-net-timeout-abort.ts'
import keepClean from '../../specs/dining-philosophers-keep-clean.ts'
import { renderTraceText } from '../../src/trace/text.ts'
import { check } from '../../src/check.ts'
import { compareExpectation } from '../../src/core/expect.ts'
import { reproduceLine, summary } from '../../src/report/summary.ts'
import { shellWord } from '../../src/core/shell-word.ts'

const text = (r: Awaited<ReturnType<typeof check>>): string =>
  summary(r, compareExpectation(spec.expect, r, { compareCounts: true }), { file: 'specs/two-phase-commit.ts', renderTrace: () => '', traceFiles: new Map() })

describe('reproduceLine', () => {
  it('quotes the words a shell would split or expand, so the line pastes back as it ran', () => {
    expect(shellWord('specs/x.ts')).toBe('specs/x.ts')
    expect(shellWord("my runs/it's")).toBe(`'my runs/it'\\''s'`)
    expect(reproduceLine('specs/a b.ts', { who: 'x y' }, 'P')).toBe("npm run check -- 'specs/a b.ts' --param 'who=x y' --property P")
  })
})

describe('summary', () => {
  it('a DFS held to its distinct count alone says which counts it was held to', async () => {
    const r = await check(spec, { strategy: 'dfs' })
    const report = compareExpectation(spec.expect, r, { compareCounts: true, wholeCountsOnly: true, distinctOnly: 'strategy dfs with a depth bound' })
    const out = summary(r, report, { file: 'specs/two-phase-commit.ts', renderTrace: () => '', traceFiles: new Map() })
    expect(out).toContain("expectation: met (verdicts, distinct count; not the generated count (strategy dfs with a depth bound) nor the depth, a stack's)")
    expect(text(r)).not.toContain('expectation: met (verdicts, distinct count;')
  })

  it("gives the visited set's bytes per state from 100,000 states on, and only its size below", async () => {
    const r = await check(spec, {})
    expect(r.stats.distinct).toBe(288)
    const small = text(r)
    expect(small).toMatch(/^ {2}visited set [\d.]+ MiB; fingerprint collision probability/m)
    expect(small).not.toMatch(/bytes\/state/)
    // The same result as if it had found 100,000 states in 2 MiB.
    const big = text({ ...r, stats: { ...r.stats, distinct: 100_000, visitedBytes: 2 * 2 ** 20 } })
    expect(big).toMatch(/^ {2}visited set 2\.0 MiB \(21\.0 bytes\/state\); fingerprint collision probability/m)
    expect(small).not.toMatch(/liveness graph/)
  })

  it('gives the liveness graph its own line: most of a liveness run\'s memory, inside the budget', async () => {
    const r = await check(spec, {})
    const live = text({ ...r, liveness: { states: 57_160, edges: 250_699, graphBytes: 3.6 * 2 ** 20, bytesPerState: 40, bytesPerEdge: 9, analysisBytes: 0, buildSeconds: 0, analysisSeconds: 0 } })
    expect(live).toMatch(/^ {2}liveness graph 57,160 states, 250,699 edges \(steps to another state: a stuttering step is no edge\), 3\.6 MiB \(--memory counts it with the visited set\)$/m)
  })

  it('says why partial-order reduction skipped no step, where it skipped none (it printed "0 steps skipped")', async () => {
    const r = await check(spec, {})
    expect(text({ ...r, stats: { ...r.stats, slept: 0 } })).toMatch(/^ {2}partial-order reduction: no step skipped \(the footprint calls no two steps of a state independent\)$/m)
    expect(text({ ...r, stats: { ...r.stats, slept: 1200 } })).toMatch(/^ {2}partial-order reduction: 1,200 steps skipped/m)
  })

  it("gives the states a constraint cut and those within it, TLC's count, only for a whole search", async () => {
    const r = await check(spec, {})
    expect(text(r)).not.toMatch(/constraint:/)
    expect(text({ ...r, stats: { ...r.stats, cut: 38, depthWithin: 10 } })).toMatch(/^ {2}constraint: 38 of the distinct states fail it \(kept and checked, not expanded\); 250 within it at depth 10, TLC's counts for a CONSTRAINT$/m)
    // A DFS counts the states cut but has no levels.
    expect(text({ ...r, stats: { ...r.stats, cut: 38 } })).toMatch(/^ {2}constraint: 38 of the distinct states fail it \(kept and checked, not expanded\); 250 within it, TLC's counts for a CONSTRAINT$/m)
    const stopped = text({ ...r, complete: false, stopReason: 'max-states', stats: { ...r.stats, cut: 38 } })
    expect(stopped).toMatch(/^ {2}constraint: 38 of the distinct states fail it \(kept and checked, not expanded\); 250 within it \(the search stopped: not a whole count\)$/m)
    // One state: "1 of the distinct states fails it" (it read "fail it").
    expect(text({ ...r, stats: { ...r.stats, cut: 1 } })).toMatch(/^ {2}constraint: 1 of the distinct states fails it /m)
  })

  it('counts the liveness graph in the singular where there is one state or edge', async () => {
    const r = await check(spec, {})
    const live = (states: number, edges: number) => text({ ...r, liveness: { states, edges, graphBytes: 1048576 } as NonNullable<typeof r.liveness> })
    expect(live(1, 1)).toMatch(/^ {2}liveness graph 1 state, 1 edge \(steps to another state: a stuttering step is no edge\), 1\.0 MiB/m)
    expect(live(2_197, 0)).toMatch(/^ {2}liveness graph 2,197 states, 0 edges \(steps to another state: a stuttering step is no edge\), 1\.0 MiB/m)
  })

  // A fix's spec expects its "blocked" witness unreachable: that read "(vacuous model?)".
  it('says a sometimes the spec expects never reached is as expected, and asks about vacuity otherwise', async () => {
    const r = await check(timeoutAbort, {})
    const line = (t: string): string | undefined => t.split('\n').find((l) => /^ {2}Blocked /.test(l))
    const as = summary(r, compareExpectation(timeoutAbort.expect, r, { compareCounts: true }), { file: 'x', renderTrace: () => '', traceFiles: new Map() })
    expect(line(as)).toMatch(/NEVER REACHED — as the spec expects: no reachable state satisfies it$/)
    const unexpected = summary(r, compareExpectation({}, r, { compareCounts: true }), { file: 'x', renderTrace: () => '', traceFiles: new Map() })
    expect(line(unexpected)).toMatch(/NEVER REACHED — no reachable state satisfies it \(vacuous model\?\)$/)
  })

  // A run under --symmetry printed the same header as one without ("bfs, 1 worker"), so a user
  // could not tell from the output whether its counts were orbits or states.
  it('says in its first line that the states are one per symmetry orbit', async () => {
    const r = await check(spec, {})
    expect(text(r).split('\n')[0]).toBe('two-phase-commit: model two-phase-commit, bfs, 1 worker')
    expect(text({ ...r, symmetry: true }).split('\n')[0]).toBe('two-phase-commit: model two-phase-commit, bfs, one state per symmetry orbit, 1 worker')
  })

  // A family of liveness properties (NobodyStarves, one per philosopher) printed the same lasso in
  // full once per property that failed by it: four copies of 40 lines.
  it('prints a counterexample once, and names it for each later property that failed by the same one', async () => {
    const r = await check(keepClean, {})
    const failed = r.properties.filter((p) => p.verdict === 'violated').map((p) => p.name)
    expect(failed).toEqual(['NobodyStarves(1)', 'NobodyStarves(3)', 'NobodyStarves(4)', 'NobodyStarves(5)'])
    const out = summary(r, compareExpectation(keepClean.expect, r, { compareCounts: true }), { file: 'specs/dining-philosophers-keep-clean.ts', renderTrace: (p) => renderTraceText(p.trace!), traceFiles: new Map() })
    expect(out.match(/^Step 1 \(initial state\)$/gm)).toHaveLength(1)
    expect(out).toMatch(/^NobodyStarves\(1\) violated: lasso of 9 states$/m)
    for (const n of [3, 4, 5]) expect(out).toMatch(new RegExp(`^NobodyStarves\\(${n}\\) violated: lasso of 9 states, the same as NobodyStarves\\(1\\)'s above\nreproduce: .*--property 'NobodyStarves\\(${n}\\)'$`, 'm'))
    // Different traces are each printed.
    const two = summary(r, compareExpectation(keepClean.expect, r, { compareCounts: true }), { file: 'x', renderTrace: (p) => p.name, traceFiles: new Map() })
    expect(two).not.toMatch(/the same as/)
  })
})
