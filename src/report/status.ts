/**
 * One word per checked spec, shared by the table, `--quiet`, the summary, `--json`, report.html,
 * the run's index page and the exit code. A search that stopped early and differs from its spec
 * only by verdicts it could not decide ("expected violated, got unknown") is incomplete, not a
 * failed expectation: the stop explains the difference. So is an expected violation of a property
 * the search does not check (liveness under simulation: the mismatch says `undecided`). A violation the spec does not expect is a
 * failure however the search ended.
 */
import type { ExpectationReport } from '../core/expect.ts'
import type { CheckResult } from '../core/result.ts'
import type { ReportStatus } from '../trace/report-html.ts'
import { STATUS_WORDS } from '../trace/report-html.ts'

export type SpecStatus = ReportStatus | 'error'

export function specStatus(r: CheckResult, report: ExpectationReport): ReportStatus {
  const stopped = r.stopReason === 'interrupted' ? 'interrupted' : 'incomplete'
  if (report.ok) return r.complete ? 'as-expected' : stopped
  if (report.mismatches.every((m) => m.undecided !== undefined || (!r.complete && m.actual === 'unknown'))) return stopped
  return 'not-met'
}

/** The table's and `--quiet`'s word for a status. */
export function statusText(s: SpecStatus): string {
  return s === 'error' ? 'ERROR' : STATUS_WORDS[s]
}
