/** The liveness warnings' figures read as the summary's do (a thousands separator). */
import { describe, expect, it } from 'vitest'
import { check } from '../../../src/index.ts'
import tcp from '../../../specs/tcp.ts'

describe('livenessWarnings', () => {
  it("gives the states a constraint cut as the summary does: '2,197', not '2197'", async () => {
    const r = await check(tcp)
    expect(r.stats.cut).toBe(2197)
    expect(r.warnings).toContain("liveness: the state constraint cut 2,197 states: behaviours beyond it are not examined, so 'holds' covers only behaviours inside the constraint (a violation found is real)")
  })
})
