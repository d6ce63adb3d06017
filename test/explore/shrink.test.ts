/** `check(spec, { shrink: true })`: DFS and simulation counterexamples come back 1-minimal, with a
 * note; the counts are the search's; BFS results and `shrink: false` results are untouched. */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import type { CheckResult } from '../../src/index.ts'
import earlyCommit from '../../specs/two-phase-commit-early-commit.ts'

const withoutSeconds = (r: CheckResult) => ({ ...r, stats: { ...r.stats, seconds: 0 } })

describe('CheckOptions.shrink', () => {
  for (const strategy of ['dfs', 'simulate'] as const) {
    it(`${strategy}: the invariant's counterexample shrinks to the BFS length, noted; counts unchanged`, async () => {
      const options = { strategy, properties: ['TCConsistent'], seed: 1, maxSteps: 60 }
      const plain = await check(earlyCommit, options)
      const shrunk = await check(earlyCommit, { ...options, shrink: true })
      const before = plain.properties[0]!
      const after = shrunk.properties[0]!
      expect(before.verdict).toBe('violated')
      expect(before.note ?? '').not.toMatch(/shrunk/)
      expect(after.verdict).toBe('violated')
      expect(after.trace!.steps.length).toBe(earlyCommit.expect!.violated!.TCConsistent!.length)
      expect(after.trace!.steps.length).toBeLessThan(before.trace!.steps.length)
      expect(after.note).toMatch(new RegExp(`shrunk from ${before.trace!.steps.length} to ${after.trace!.steps.length} states \\(\\d+ candidates re-executed\\)`))
      expect(shrunk.stats.distinct).toBe(plain.stats.distinct)
      expect(shrunk.stats.total).toBe(plain.stats.total)
    })
  }

  it('bfs: shortest already, so the result is the same with or without it', async () => {
    const plain = await check(earlyCommit)
    const shrunk = await check(earlyCommit, { shrink: true })
    expect(withoutSeconds(shrunk)).toEqual(withoutSeconds(plain))
  })
})
