/**
 * The --memory budget: the visited set is sized once from it; a budget too small to start is
 * refused, a search that outgrows it stops with a clear error, one that fits runs as usual.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'

describe('--memory', () => {
  it('refuses a budget too small for the smallest table', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    await expect(check(spec, { workers: 2, specUrl: url, memoryMiB: 1 })).rejects.toThrow(/--memory 1: too small; the visited set needs at least \d+ MiB/)
  })

  it('runs a search that fits and stops one that does not, saying how many states fit', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const run = (rms: number) => {
      const o = resolveOptions({ workers: 1, specUrl: url, memoryMiB: 3, params: { rms } })
      return parallelBfs(prepare(spec, o), o, { pool: 'threads', minCapacity: 1 << 10 })
    }
    const fits = await run(6)
    expect(fits.stats.distinct).toBe(50816)
    expect(fits.complete).toBe(true)
    await expect(run(7)).rejects.toThrow(/the visited set is full: --memory 3 MiB holds at most 52,428 states and this search needs more; raise --memory/)
  })
})
