/** The table `npm run check` prints over several specs: one row per spec, errors included. */
import type { CheckResult } from '../core/result.ts'
import { int, rate, secs, table } from './format.ts'
import type { SpecStatus } from './status.ts'

export interface Row {
  readonly name: string
  readonly status: SpecStatus
  /** Absent when the spec failed to load or its check threw. */
  readonly result?: CheckResult
  readonly error?: string
}

/** Properties that hold are counted; the others are named with their verdict (the index page's
 * verdict column too). */
export function verdictSummary(r: CheckResult): string {
  const held = r.properties.filter((p) => p.verdict === 'holds').length
  const rest = r.properties
    .filter((p) => p.verdict !== 'holds')
    .map((p) => `${p.name} ${p.verdict === 'violated' ? `VIOLATED(${p.trace?.steps.length ?? '-'})` : p.verdict}`)
  const ok = held === r.properties.length ? `all ${held} hold` : held > 0 ? `${held} hold` : ''
  return [...rest, ok].filter(Boolean).join(', ')
}

const WORD: Record<SpecStatus, string> = {
  'as-expected': 'yes',
  'not-met': 'NO',
  incomplete: 'incomplete',
  interrupted: 'interrupted',
  error: 'ERROR',
}

export function specTable(rows: readonly Row[]): string {
  const body = rows.map(({ name, status, result: r, error }) =>
    r
      ? [name, int(r.stats.distinct), int(r.stats.total), String(r.stats.depth), secs(r.stats.seconds), rate(r.stats.distinct, r.stats.seconds), WORD[status], verdictSummary(r)]
      : [name, '-', '-', '-', '-', '-', WORD[status], error ?? ''],
  )
  return table(['spec', 'distinct', 'generated', 'depth', 'seconds', 'states/s', 'as expected', 'verdicts'], body, new Set([1, 2, 3, 4, 5]))
}
