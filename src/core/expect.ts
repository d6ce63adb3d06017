/**
 * Compares a check's result with what its spec expects. Counts and depth are compared only when
 * the spec ran with its default parameters and the search was not cut by a limit; verdicts always.
 * A spec without `violated` expects every checked property to hold (and every `sometimes` to be
 * witnessed).
 */
import type { CheckResult } from './result.ts'
import type { Expectation } from './spec.ts'

export interface Mismatch {
  readonly what: string
  readonly expected: string
  readonly actual: string
}

export interface ExpectationReport {
  readonly ok: boolean
  readonly mismatches: readonly Mismatch[]
  /** True when the counts were compared (default params, complete search). */
  readonly countsCompared: boolean
}

export function compareExpectation(
  expect: Expectation | undefined,
  result: CheckResult,
  opts: { readonly compareCounts: boolean; readonly compareLengths?: boolean },
): ExpectationReport {
  const mismatches: Mismatch[] = []
  const violated = expect?.violated ?? {}
  for (const p of result.properties) {
    const wanted = violated[p.name]
    if (p.verdict === 'not-checked' || p.verdict === 'unknown') {
      if (wanted) mismatches.push({ what: `${p.name} verdict`, expected: 'violated', actual: p.verdict })
      continue
    }
    if (wanted) {
      if (p.verdict !== 'violated') {
        mismatches.push({ what: `${p.name} verdict`, expected: 'violated', actual: p.verdict })
      } else if ((opts.compareLengths ?? true) && wanted.length !== undefined && p.trace && p.trace.steps.length !== wanted.length) {
        mismatches.push({
          what: `${p.name} counterexample length`,
          expected: String(wanted.length),
          actual: String(p.trace.steps.length),
        })
      }
    } else if (p.verdict === 'violated') {
      mismatches.push({ what: `${p.name} verdict`, expected: 'holds', actual: 'violated' })
    }
  }
  for (const name of Object.keys(violated)) {
    if (!result.properties.some((p) => p.name === name)) {
      mismatches.push({ what: `${name} verdict`, expected: 'violated', actual: 'not checked' })
    }
  }
  const countsCompared = opts.compareCounts && result.complete
  if (countsCompared && expect) {
    const pairs: [string, number | undefined, number][] = [
      ['distinct states', expect.distinct, result.stats.distinct],
      ['generated states', expect.total, result.stats.total],
      ['depth', expect.depth, result.stats.depth],
    ]
    for (const [what, want, got] of pairs) {
      if (want !== undefined && want !== got) mismatches.push({ what, expected: String(want), actual: String(got) })
    }
  }
  return { ok: mismatches.length === 0, mismatches, countsCompared }
}
