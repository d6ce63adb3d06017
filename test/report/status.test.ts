/** specStatus: one word per checked spec, from its result and the comparison with `expect`. */
import { describe, expect, it } from 'vitest'
import { compareExpectation } from '../../src/core/expect.ts'
import type { CheckResult, PropertyResult } from '../../src/index.ts'
import { specStatus } from '../../src/report/status.ts'

const simulation = (properties: PropertyResult[]): CheckResult =>
  ({
    spec: 's',
    model: 'm',
    params: {},
    strategy: 'simulate',
    workers: 1,
    complete: false,
    stopReason: 'simulation',
    decidedEarly: false,
    stats: { distinct: 10, total: 20, depth: 3, seconds: 0, collisionProbability: 0, visitedBytes: 0, queuePeak: 0 },
    properties,
    coverage: [],
    neverFired: [],
    warnings: [],
  }) as unknown as CheckResult

const notChecked: PropertyResult = { name: 'Live', kind: 'eventually', verdict: 'not-checked', note: 'simulation does not check liveness' }

describe('specStatus', () => {
  it('an expected violation of a property the strategy does not check is undecided (incomplete), not a failed expectation', () => {
    const r = simulation([notChecked])
    const report = compareExpectation({ violated: { Live: {} } }, r, { compareCounts: false })
    expect(specStatus(r, report)).toBe('incomplete')
    expect(report.mismatches).toEqual([{ what: 'Live verdict', expected: 'violated', actual: 'not checked', undecided: 'simulation does not check liveness' }])
  })

  it('a violation the spec does not expect is a failure beside it', () => {
    const r = simulation([notChecked, { name: 'Safe', kind: 'always', verdict: 'violated' }])
    expect(specStatus(r, compareExpectation({ violated: { Live: {} } }, r, { compareCounts: false }))).toBe('not-met')
  })
})
