/** The table `npm run check` prints over every bundled spec. */
import type { ExpectationReport } from '../core/expect.ts'
import type { CheckResult } from '../core/result.ts'
import { int, rate, secs, table } from './format.ts'

export interface Row {
  readonly result: CheckResult
  readonly report: ExpectationReport
}

/** Properties that hold are counted; the others are named with their verdict. */
function short(r: CheckResult): string {
  const held = r.properties.filter((p) => p.verdict === 'holds').length
  const rest = r.properties
    .filter((p) => p.verdict !== 'holds')
    .map((p) => `${p.name} ${p.verdict === 'violated' ? `VIOLATED(${p.trace?.steps.length ?? '-'})` : p.verdict}`)
  const ok = held === r.properties.length ? `all ${held} hold` : held > 0 ? `${held} hold` : ''
  return [...rest, ok].filter(Boolean).join(', ')
}

export function specTable(rows: readonly Row[]): string {
  const body = rows.map(({ result: r, report }) => [
    r.spec,
    int(r.stats.distinct),
    int(r.stats.total),
    String(r.stats.depth),
    secs(r.stats.seconds),
    rate(r.stats.distinct, r.stats.seconds),
    report.ok ? (r.complete ? 'yes' : 'incomplete') : 'NO',
    short(r),
  ])
  return table(['spec', 'distinct', 'generated', 'depth', 'seconds', 'states/s', 'as expected', 'verdicts'], body, new Set([1, 2, 3, 4, 5]))
}
