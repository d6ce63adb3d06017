/**
 * The --memory budget: the visited set is sized once from it; a budget too small to start is
 * refused, a search that outgrows it stops, incomplete, saying what the budget held; one that
 * fits runs as usual. Every explorer honours it, the single-threaded ones included.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import { withOptionNames } from '../../src/check.ts'
import { flagOf } from '../../src/cli/args.ts'

describe('--memory', () => {
  it('refuses a budget too small for the smallest table', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    await expect(check(spec, { workers: 2, specUrl: url, memoryMiB: 1 })).rejects.toThrow(/^memoryMiB 1: too small; the visited set needs at least \d+ MiB/)
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
    const full = await run(7)
    expect(full.complete).toBe(false)
    expect(full.stopReason).toBe('memory-limit')
    expect(full.stats.distinct).toBeGreaterThan(50_000)
    expect(full.stats.distinct).toBeLessThan(296_448)
    // The engine marks the option; the CLI names it by its flag, the API by its key.
    expect(withOptionNames(full, flagOf).warnings.join('\n')).toMatch(/memory limit: --memory 3 MiB held the visited set of [\d,]+ states \(the budget comes to [\d.]+ bytes per state in this run\); raise --memory/)
    expect(withOptionNames(full, (o) => o).warnings.join('\n')).toMatch(/memory limit: memoryMiB 3 MiB held the visited set of [\d,]+ states .*; raise memoryMiB to search further/)
    // Its table is a power of two slots: what the next one needs is said (a budget short of it
    // stopped at the same count, a helper's tour).
    expect(withOptionNames(full, flagOf).warnings.join('\n')).toMatch(/the parallel engine's visited set is a table of 131,072 slots, a power of two: the next size \(twice the states\) needs --memory 5 or more$/)
  })

  it('is honoured by the single-threaded explorers too: incomplete, not an error', async () => {
    const { spec } = await loadSpecFile('specs/two-phase-commit.ts')
    for (const strategy of ['bfs', 'dfs'] as const) {
      const r = await check(spec, { workers: 1, strategy, memoryMiB: 2, params: { rms: 7 } })
      expect(r.complete).toBe(false)
      expect(r.stopReason).toBe('memory-limit')
      // Within one growth of the set (its table grows by half at a time).
      expect(r.stats.visitedBytes).toBeLessThan(1.5 * 2 * 2 ** 20)
      expect(r.stats.distinct).toBeLessThan(296_448)
      expect(r.warnings.join('\n')).toMatch(/memory limit: memoryMiB 2 MiB held the visited set of [\d,]+ states/)
    }
  })
})
