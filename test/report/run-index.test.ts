/** The run's index page: one row per spec, read back and updated by a later run over some specs. */
import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../src/core/result.ts'
import type { IndexRow } from '../../src/report/run-index.ts'
import { indexRow, mergeIndexRows, readIndexRows, renderRunIndex } from '../../src/report/run-index.ts'

const result = (violated: boolean, seconds: number): CheckResult => ({
  spec: 'a',
  model: 'm',
  params: {},
  strategy: 'bfs',
  workers: 1,
  complete: true,
  decidedEarly: false,
  properties: [
    violated
      ? { name: 'Safe', kind: 'always', verdict: 'violated', trace: { steps: [{ action: null, state: 0 }, { action: { name: 'X' }, state: 1 }] } }
      : { name: 'Safe', kind: 'always', verdict: 'holds' },
    { name: 'Live', kind: 'sometimes', verdict: 'holds' },
  ],
  stats: { distinct: 1234, total: 5678, depth: 9, seconds, collisionProbability: 0, visitedBytes: 0, queuePeak: 1 },
  coverage: [],
  neverFired: [],
  warnings: [],
})

const rows = (seconds: number): IndexRow[] => [
  indexRow('buggy', 'specs/buggy.ts', 'as-expected', result(true, seconds), 'buggy/report.html'),
  indexRow('fine', 'specs/fine.ts', 'not-met', result(false, seconds), undefined, '--out x: cannot write x/fine/report.html'),
  { spec: 'broken.ts', file: 'specs/broken.ts', status: 'error', error: 'init threw: <no state>' },
]

describe('renderRunIndex', () => {
  it('has one row per spec: status, verdicts, counts and a link to each written report', () => {
    const html = renderRunIndex(rows(1), ['specs/later.ts'])
    expect(html).toContain('<div class="meta" data-summary>1 of 3 as expected · 1 EXPECTATION NOT MET · 1 ERROR</div>')
    expect(html).toContain('<tr data-spec="buggy" data-status="as-expected"><td class="mono"><a href="buggy/report.html">buggy</a></td><td class="status-as-expected">as expected</td><td>Safe VIOLATED(2), 1 hold</td><td class="num">1,234</td><td class="num">5,678</td><td class="num">9</td>')
    expect(html).toContain('<tr data-spec="fine" data-status="not-met"><td class="mono">fine</td><td class="status-not-met">EXPECTATION NOT MET</td>')
    expect(html).toContain('<div class="error">init threw: &lt;no state&gt;</div>')
    expect(html).toContain('data-not-run="1"')
  })

  it('is byte-stable: the search time is not on the page', () => {
    expect(renderRunIndex(rows(1))).toBe(renderRunIndex(rows(2.5)))
  })

  it('reads its rows back, and a later run replaces its specs rows and appends new ones', () => {
    const html = renderRunIndex(rows(1))
    expect(readIndexRows(html)).toEqual(rows(1))
    const again = indexRow('buggy', 'specs/buggy.ts', 'not-met', result(false, 1), 'buggy/report.html')
    const extra: IndexRow = { spec: 'new', file: 'specs/new.ts', status: 'error', error: 'x' }
    const merged = mergeIndexRows(readIndexRows(html), [again, extra])
    expect(merged.map((r) => [r.spec, r.status])).toEqual([['buggy', 'not-met'], ['fine', 'not-met'], ['broken.ts', 'error'], ['new', 'error']])
    // The same spec given by another path is the same row; a file that loads now replaces its error row.
    const moved = indexRow('fine', './specs/fine.ts', 'as-expected', result(false, 1), 'fine/report.html')
    const loads = indexRow('broken', 'specs/broken.ts', 'as-expected', result(false, 1), 'broken/report.html')
    expect(mergeIndexRows(rows(1), [moved, loads]).map((r) => [r.spec, r.file])).toEqual([['buggy', 'specs/buggy.ts'], ['fine', './specs/fine.ts'], ['broken', 'specs/broken.ts']])
    expect(readIndexRows('<html>not an index</html>')).toEqual([])
    expect(readIndexRows('<script type="application/json" id="index-data">{oops</script>')).toEqual([])
  })
})
