/** The run report with as many BFS levels as a deep run has: no spread or recursion over levels. */
import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../src/core/result.ts'
import { MAX_BARS, levelBuckets, renderReportHtml } from '../../src/trace/report-html.ts'

function deep(levels: number): CheckResult {
  const per = Array.from({ length: levels }, () => ({ distinct: 1, total: 1 }))
  return {
    spec: 'counter',
    model: 'counter',
    params: {},
    strategy: 'bfs',
    workers: 1,
    complete: false,
    stopReason: 'max-states',
    decidedEarly: false,
    properties: [{ name: 'Below', kind: 'always', verdict: 'unknown' }],
    stats: { distinct: levels, total: levels, depth: levels, seconds: 1, collisionProbability: 0, visitedBytes: 0, queuePeak: 1, levels: per },
    coverage: [{ name: 'Inc', fired: levels - 1, discovered: levels - 1 }],
    neverFired: [],
    warnings: [],
  }
}

describe('renderReportHtml on a deep run', () => {
  it('charts 1,000,000 levels in at most MAX_BARS bars whose sums are the totals', () => {
    const r = deep(1_000_000)
    const html = renderReportHtml(r)
    const bars = html.match(/<g data-level=/g) ?? []
    expect(bars.length).toBeLessThanOrEqual(MAX_BARS)
    expect(bars.length).toBeGreaterThan(MAX_BARS / 2)
    expect(html).toContain('each bar sums 2,500 consecutive levels')
    const buckets = levelBuckets(r.stats.levels!)
    expect(buckets.reduce((a, b) => a + b.distinct, 0)).toBe(1_000_000)
    expect(buckets.at(-1)!.last).toBe(999_999)
  })

  it('keeps one bar per level for a shallow run', () => {
    const html = renderReportHtml(deep(12))
    expect(html.match(/<g data-level=/g)).toHaveLength(12)
    expect(html).not.toContain('each bar sums')
  })
})

/** A finished run with one violated invariant (a 3-state counterexample) and one that holds. */
function violating(): CheckResult {
  const trace = { steps: [{ action: null, state: { n: 0 } }, { action: { name: 'Inc' }, state: { n: 1 } }, { action: { name: 'Inc' }, state: { n: 2 } }] }
  return {
    ...deep(3),
    params: { limit: 4 },
    complete: true,
    stopReason: undefined,
    properties: [
      { name: 'Small', kind: 'always', verdict: 'violated', trace },
      { name: 'TypeOK', kind: 'always', verdict: 'holds' },
    ],
  }
}

const cell = (html: string, property: string): string => {
  const row = new RegExp(`<tr data-property="${property}">(.*?)</tr>`).exec(html)
  expect(row).not.toBeNull()
  return row![1]!
}

describe('renderReportHtml against the spec', () => {
  const ok = { ok: true, mismatches: [], countsCompared: true }

  it('marks a violation the spec pins as expected, not as a failure', () => {
    const html = renderReportHtml(violating(), new Map(), { expect: { violated: { Small: { length: 3 } } }, comparison: ok, status: 'as-expected' })
    expect(html).toContain('data-status="as-expected"><strong>as expected</strong>')
    expect(cell(html, 'Small')).toContain('<td class="verdict-violated pinned">violated</td><td>violated (3 states)</td><td class="expect-ok" data-expect="ok">as expected</td>')
    expect(cell(html, 'TypeOK')).toContain('<td>holds</td><td class="expect-ok" data-expect="ok">as expected</td>')
  })

  it('marks a violation the spec does not pin, a pinned one that holds, and a wrong length', () => {
    const unexpected = { ok: false, mismatches: [{ what: 'Small verdict', expected: 'holds', actual: 'violated' }], countsCompared: true }
    const a = renderReportHtml(violating(), new Map(), { expect: {}, comparison: unexpected, status: 'not-met' })
    expect(a).toContain('data-status="not-met"><strong>EXPECTATION NOT MET</strong>')
    expect(a).toContain('<li>Small verdict: expected holds, got violated</li>')
    expect(cell(a, 'Small')).toContain('<td class="verdict-violated">violated</td><td>holds</td><td class="expect-bad" data-expect="bad">NOT AS EXPECTED</td>')
    const b = renderReportHtml(violating(), new Map(), { expect: { violated: { TypeOK: {} } }, status: 'not-met' })
    expect(cell(b, 'TypeOK')).toContain('<td>violated</td><td class="expect-bad" data-expect="bad">NOT AS EXPECTED</td>')
    const long = { ok: false, mismatches: [{ what: 'Small counterexample length', expected: '2', actual: '3' }], countsCompared: true }
    const c = renderReportHtml(violating(), new Map(), { expect: { violated: { Small: { length: 2 } } }, comparison: long, status: 'not-met' })
    expect(cell(c, 'Small')).toContain('data-expect="bad">counterexample of 3 states, expected 2</td>')
  })

  it('shows every effective parameter, defaults included, marking the overridden ones', () => {
    const html = renderReportHtml(violating(), new Map(), { params: { limit: 4, step: 1 }, defaults: { limit: 3, step: 1 } })
    expect(html).toContain('params limit=4 step=1')
    expect(html).toContain('<tr data-param="limit"><th class="mono">limit</th><td class="mono">4</td><td class="muted">overridden (default 3)</td></tr>')
    expect(html).toContain('<tr data-param="step"><th class="mono">step</th><td class="mono">1</td><td class="muted">default</td></tr>')
    expect(renderReportHtml({ ...violating(), params: {} })).toContain('data-params="none"')
  })

  it('says witnessed and never reached for a sometimes property, as the CLI does', () => {
    const r = { ...violating(), properties: [{ name: 'Seen', kind: 'sometimes', verdict: 'holds' }, { name: 'Gone', kind: 'sometimes', verdict: 'violated' }] } as CheckResult
    const html = renderReportHtml(r, new Map(), { expect: { violated: { Gone: {} } }, comparison: ok, status: 'as-expected' })
    expect(cell(html, 'Seen')).toContain('<td class="verdict-holds">witnessed</td><td>witnessed</td>')
    expect(cell(html, 'Gone')).toContain('<td class="verdict-violated pinned">never reached</td><td>never reached</td>')
    const one = { ...violating(), properties: [{ name: 'Small', kind: 'always', verdict: 'violated', trace: { steps: [{ action: null, state: 0 }] } }] } as CheckResult
    expect(cell(renderReportHtml(one), 'Small')).toContain('<td>1 state</td>')
  })

  it('without a spec to compare with, has no expectation column and no status', () => {
    const html = renderReportHtml(violating())
    expect(html).not.toContain('<th>expected</th>')
    expect(html).not.toContain('data-status=')
    expect(cell(html, 'Small')).toContain('<td class="verdict-violated">violated</td><td>3 states</td>')
  })
})

describe("renderReportHtml's visited set", () => {
  const visited = (distinct: number, visitedBytes: number): string => {
    const r = deep(3)
    const html = renderReportHtml({ ...r, stats: { ...r.stats, distinct, visitedBytes } })
    return /<th>visited set<\/th><td>([^<]*)<\/td>/.exec(html)?.[1] ?? ''
  }

  it('gives bytes per state only from 100,000 states on, as the summary does', () => {
    // A visited set starts at a fixed size: 22 states on two workers read "381314.4 per state".
    expect(visited(22, 8_388_916)).toBe('8,388,916 bytes')
    expect(visited(100_000, 2_400_000)).toBe('2,400,000 bytes (24.0 per state)')
  })
})

describe('renderReportHtml with a constraint', () => {
  it("gives the states the constraint cut and those within it (TLC's distinct count), only where it counted them", () => {
    const r = deep(12)
    expect(renderReportHtml(r)).not.toContain('within the constraint')
    const html = renderReportHtml({ ...r, stats: { ...r.stats, cut: 5, depthWithin: 11 } })
    expect(html).toContain('<tr><th>cut by the constraint (kept, not expanded)</th><td>5</td></tr><tr><th>within the constraint</th><td>7, depth 11</td></tr>')
  })
})
