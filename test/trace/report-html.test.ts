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
