/**
 * Partial-order reduction by sleep sets (src/explore/sleep-sets.ts). Golden (test/golden/golden.ts)
 * compares it with the oracle on every bundled spec, and test/explore/sleep-sets-random.test.ts on
 * random actor models; here: `--debug` takes both orders of every pair the reduction relies on,
 * on specs with each network, a constraint, faults and symmetry; a model whose footprint lies is
 * caught by --debug and loses states without it (so the parity tests can fail); and where the
 * reduction cannot run, the result says why.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import type { AnySpec } from '../../src/core/spec.ts'
import twoPcNet from '../../specs/two-phase-commit-net.ts'
import twoPcNetSymmetry from '../../specs/two-phase-commit-net-symmetry.ts'
import paxosNet from '../../specs/paxos-net.ts'
import raftFigure8 from '../../specs/raft-figure8.ts'
import threePcPartition from '../../specs/three-phase-commit-partition.ts'
import eventual from '../../specs/eventual-consistency.ts'
import multiPaxos from '../../specs/multi-paxos.ts'
import twoPc from '../../specs/two-phase-commit.ts'
import skeenCrash from '../../specs/three-phase-commit-skeen-crash.ts'

/** The numbers the reduction must keep: every state, at its depth, and every verdict. */
const kept = (r: Awaited<ReturnType<typeof check>>) => ({
  distinct: r.stats.distinct,
  depth: r.stats.depth,
  verdicts: r.properties.map((p) => [p.name, p.verdict, p.trace?.steps.length]),
})

describe('sleep sets', () => {
  // bag (2PC-net), set (paxos-net), a constraint and a bag (raft-figure8), partitions
  // (3PC), ghost variables (multi-paxos), symmetry (2PC-net-symmetry).
  const specs: [string, AnySpec][] = [
    ['two-phase-commit-net', twoPcNet],
    ['paxos-net', paxosNet],
    ['raft-figure8', raftFigure8],
    ['three-phase-commit-partition', threePcPartition],
    ['eventual-consistency', eventual],
    ['multi-paxos', multiPaxos],
    ['two-phase-commit-net-symmetry', twoPcNetSymmetry],
  ]
  for (const [name, spec] of specs) {
    it(`${name}: --debug finds every pair it relies on commuting, and every state is kept`, async () => {
      const full = await check(spec, { workers: 1 })
      const reduced = await check(spec, { workers: 1, por: true, debug: true })
      expect(reduced.warnings.filter((w) => w.includes('partial-order'))).toEqual([])
      expect(reduced.stats.slept).toBeGreaterThan(0)
      expect(kept(reduced)).toEqual(kept(full))
      expect(reduced.stats.total).toBeLessThan(full.stats.total)
    })
  }

  it('a footprint that calls dependent steps independent is caught by --debug, and loses states without it', async () => {
    const model = paxosNet.model
    // Every step its own node: everything "commutes".
    let n = 0
    const liar = { ...paxosNet, model: { ...model, footprint: () => (n++ % 1000) << 1 } } as AnySpec
    await expect(check(liar, { workers: 1, por: true, debug: true })).rejects.toThrow(/partial-order reduction: .* (do not commute|is not enabled after)/)
    const full = await check(paxosNet, { workers: 1 })
    const wrong = await check(liar, { workers: 1, por: true })
    expect(wrong.stats.distinct).toBeLessThan(full.stats.distinct)
  })

  it('is off, with the reason in the result, where it cannot run', async () => {
    const note = async (spec: AnySpec, o: Parameters<typeof check>[1]) =>
      (await check(spec, { por: true, ...o })).warnings.find((w) => w.startsWith('partial-order reduction is off'))
    expect(await note(twoPc, {})).toMatch(/does not say what its steps touch/)
    expect(await note(skeenCrash, {})).toMatch(/liveness/)
    expect(await note(twoPcNet, { strategy: 'dfs' })).toMatch(/--strategy dfs/)
    expect(await note(twoPcNet, { workers: 2, specUrl: new URL('../../specs/two-phase-commit-net.ts', import.meta.url).href })).toMatch(/one worker thread/)
    const off = await check(twoPcNet, { por: true, strategy: 'dfs' })
    expect(off.stats.slept).toBeUndefined()
  })
})
