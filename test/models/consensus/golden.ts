/** Shared golden check: a spec's default run meets its `expect` block exactly. */
import { expect } from 'vitest'
import { check, compareExpectation } from '../../../src/index.ts'
import type { AnySpec, CheckResult } from '../../../src/index.ts'

export async function expectGolden(spec: AnySpec): Promise<CheckResult> {
  const r = await check(spec)
  const report = compareExpectation(spec.expect, r, { compareCounts: true })
  expect(report.mismatches).toEqual([])
  if (!spec.expect?.violated) {
    expect(r.complete).toBe(true)
    expect(report.countsCompared).toBe(true)
  }
  return r
}
