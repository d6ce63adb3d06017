/**
 * Sleep sets on the parallel BFS (src/explore/keyed-sleep.ts): every level sent to the worker
 * threads (`inlineBelow: 0`), small slices so that each level is spread over both, against the
 * sequential `--por` search: the same result, counts, generated and skipped steps, verdicts and
 * counterexamples included. The specs cover a bag and faults (2PC-net with drops), a set network and symmetry
 * (paxos-net), a constraint (raft-figure8), partitions (3PC), ghost variables (multi-paxos), a bag
 * that keeps the messages a delivery would ignore (linearizable-register, `keepIgnored`), and a
 * search cut by max states inside a level (raft-symmetric: the coordinator re-expands the cut
 * slice, skipping its sleeping steps). Then the narrow levels, which the coordinator expands
 * itself, mixed with wide ones (sleep sets cross from the one to the other and back); and local
 * actions with list and record parameters, which the harness must give one object per value for
 * the two searches to name the same steps (found in review).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AnySpec } from '../../src/core/spec.ts'
import type { CheckOptions } from '../../src/core/options.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { bfs } from '../../src/explore/bfs.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import { check } from '../../src/index.ts'
import { comparable } from './compare.ts'
import twoPcNet from '../../specs/two-phase-commit-net.ts'
import twoPcNetDrops from '../../specs/two-phase-commit-net-drops.ts'
import paxosNet from '../../specs/paxos-net.ts'
import raftFigure8 from '../../specs/raft-figure8.ts'
import raftSymmetric from '../../specs/raft-symmetric.ts'
import threePcPartition from '../../specs/three-phase-commit-partition.ts'
import multiPaxos from '../../specs/multi-paxos.ts'
import linearizableRegister from '../../specs/linearizable-register.ts'
import objectParams from './fixtures/object-params.ts'

const url = (name: string): string =>
  name === objectParams.name ? new URL('./fixtures/object-params.ts', import.meta.url).href : new URL(`../../specs/${name}.ts`, import.meta.url).href

async function both(spec: AnySpec, extra: Partial<CheckOptions> = {}, inlineBelow = 0) {
  const o = resolveOptions({ por: true, ...extra })
  const seq = await bfs(prepare(spec, o), o, undefined, true)
  const po = resolveOptions({ por: true, workers: 2, specUrl: url(spec.name), ...extra })
  const par = await parallelBfs(prepare(spec, po), po, { pool: 'threads', minSlice: 8, inlineBelow })
  return { seq, par }
}

describe('sleep sets on worker threads', () => {
  const specs: [string, AnySpec, Partial<CheckOptions>][] = [
    ['two-phase-commit-net-drops', twoPcNetDrops, {}],
    ['paxos-net with symmetry', paxosNet, { symmetry: true }],
    ['raft-figure8', raftFigure8, {}],
    ['three-phase-commit-partition', threePcPartition, {}],
    ['multi-paxos', multiPaxos, {}],
    ['linearizable-register (keepIgnored)', linearizableRegister, {}],
    ['raft-symmetric cut at 8,000 states', raftSymmetric, { maxStates: 8000 }],
  ]
  it.each(specs)('%s: equal to the sequential search with --por', async (_name, spec, extra) => {
    const { seq, par } = await both(spec, extra)
    expect(seq.stats.slept, 'the reduction runs').toBeGreaterThan(0)
    expect(par.workers).toBe(2)
    expect(comparable(par)).toEqual(comparable(seq))
  })

  it.each([
    ['two-phase-commit-net', twoPcNet, {}],
    ['raft-figure8 cut at 30,000 states', raftFigure8, { maxStates: 30000 }],
  ] as const)('%s: equal with narrow levels on the coordinator between wide ones', async (_name, spec, extra) => {
    const { seq, par } = await both(spec, extra, 40)
    const levels = seq.stats.levels ?? []
    expect(levels.some((l) => l.distinct < 40) && levels.some((l) => l.distinct >= 40), 'both kinds of level').toBe(true)
    expect(comparable(par)).toEqual(comparable(seq))
  })

  it('names a local action with list and record parameters by its value, as the harness makes one object per value', async () => {
    const { seq, par } = await both(objectParams)
    expect(seq.stats.slept).toBeGreaterThan(0)
    expect(comparable(par)).toEqual(comparable(seq))
  })

  it('checks each commutation it relies on in the workers too (--debug)', async () => {
    const { seq, par } = await both(paxosNet, { debug: true, maxStates: 1500 })
    expect(seq.stats.slept).toBeGreaterThan(0)
    expect(comparable(par)).toEqual(comparable(seq))
  })

  it('runs through check() with several workers', async () => {
    const r = await check(paxosNet, { workers: 2, por: true, specUrl: url('paxos-net') })
    expect(r.workers).toBe(2)
    expect(r.warnings.filter((w) => w.startsWith('partial-order reduction is off'))).toEqual([])
    expect(r.stats.slept).toBeGreaterThan(0)
    const seq = await check(paxosNet, { workers: 1, por: true })
    expect(comparable(r)).toEqual(comparable(seq))
  })

  // A checkpoint holds the frontier's sleep sets and the steps slept so far, so a search stopped
  // anywhere and resumed skips what the uninterrupted one skips: the same result, generated and
  // slept counts included. The cuts fall in narrow levels (expanded on the coordinating thread,
  // their sets decoded from the checkpoint's chunks) and in wide ones (the chunks go to the
  // workers as written), on one worker and on two.
  it.each([
    // [workers, max states]: a narrow level (on the coordinating thread) with two workers, a wide one with one.
    ['paxos-net with symmetry', paxosNet, { symmetry: true }, [[2, 300], [1, 1500]]],
    ['raft-figure8, a constraint', raftFigure8, {}, [[2, 5000]]],
  ] as const)('%s: a checkpointed search stopped and resumed ends as the uninterrupted one', async (name, spec, extra, cuts) => {
    const specUrl = url(spec.name)
    const whole = await check(spec, { workers: 1, por: true, ...extra })
    expect(whole.stats.slept).toBeGreaterThan(0)
    for (const [workers, maxStates] of cuts) {
      const dir = mkdtempSync(join(tmpdir(), 'interleave-sleep-'))
      try {
        const first = await check(spec, { workers, por: true, specUrl, checkpoint: dir, maxStates, ...extra })
        expect([first.stopReason, first.warnings.filter((w) => w.includes('partial-order'))], `${name} cut at ${maxStates}`).toEqual(['max-states', []])
        const resumed = await check(spec, { workers, por: true, specUrl, resume: dir, ...extra })
        expect(comparable(resumed), `${name} cut at ${maxStates}, ${workers} workers`).toEqual(comparable(whole))
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  })

  it('refuses to resume a checkpoint written with --por without it, and the other way round', async () => {
    const specUrl = url('paxos-net')
    const dir = mkdtempSync(join(tmpdir(), 'interleave-sleep-'))
    const plain = mkdtempSync(join(tmpdir(), 'interleave-sleep-'))
    try {
      await check(paxosNet, { workers: 1, por: true, specUrl, checkpoint: dir, maxStates: 500 })
      await expect(check(paxosNet, { workers: 1, specUrl, resume: dir })).rejects.toThrow(/another search \(por: true in the checkpoint, false now\)/)
      await check(paxosNet, { workers: 1, specUrl, checkpoint: plain, maxStates: 500 })
      await expect(check(paxosNet, { workers: 1, por: true, specUrl, resume: plain })).rejects.toThrow(/another search \(por: false in the checkpoint, true now\)/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
      rmSync(plain, { recursive: true, force: true })
    }
  })
})
