/**
 * Packed models in parallel: workers expand words (`expand-packed.ts`) and must find exactly what
 * the sequential packed BFS finds — counts, levels, coverage, verdicts, and the same shortest
 * counterexample for the broken variant.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import { comparable } from '../parallel/compare.ts'

describe('packed models in parallel', () => {
  for (const rms of ['3', '5']) {
    it(`equal the packed BFS with 2 and 3 workers (${rms} RMs)`, async () => {
      const { spec, url } = await loadSpecFile('specs/two-phase-commit-packed.ts')
      const seq = await check(spec, { workers: 1, params: { rms } })
      for (const workers of [2, 3]) {
        const par = await check(spec, { workers, specUrl: url, params: { rms } })
        expect(par.workers).toBe(workers)
        expect(comparable(par)).toEqual(comparable(seq))
      }
    })
  }

  it('report the same shortest counterexample as the packed BFS', async () => {
    const url = new URL('./fixtures/early-commit.ts', import.meta.url).href
    const spec = (await import(url)).default
    const seq = await check(spec, { workers: 1 })
    const par = await check(spec, { workers: 2, specUrl: url })
    const violated = seq.properties.find((p) => p.name === 'TCConsistent')!
    expect(violated.verdict).toBe('violated')
    expect(par.properties).toEqual(seq.properties)
  })
})
