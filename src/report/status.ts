/**
 * One word per checked spec, shared by the table, `--quiet`, the summary, `--json` and the exit
 * code. A search that stopped early and differs from its spec only by verdicts it could not decide
 * ("expected violated, got unknown") is incomplete, not a failed expectation: the stop explains the
 * difference. A violation the spec does not expect is a failure however the search ended.
 */
import type { ExpectationReport } from '../core/expect.ts'
import type { CheckResult } from '../core/result.ts'

export type SpecStatus = 'as-expected' | 'not-met' | 'incomplete' | 'interrupted' | 'error'

export function specStatus(r: CheckResult, report: ExpectationReport): SpecStatus {
  const stopped = r.stopReason === 'interrupted' ? 'interrupted' : 'incomplete'
  if (report.ok) return r.complete ? 'as-expected' : stopped
  if (!r.complete && report.mismatches.every((m) => m.actual === 'unknown')) return stopped
  return 'not-met'
}

/** The table's and `--quiet`'s word for a status. */
export function statusText(s: SpecStatus): string {
  switch (s) {
    case 'as-expected':
      return 'as expected'
    case 'not-met':
      return 'EXPECTATION NOT MET'
    case 'incomplete':
      return 'incomplete'
    case 'interrupted':
      return 'interrupted (incomplete)'
    case 'error':
      return 'ERROR'
  }
}
