import { describe, expect, it } from 'vitest'
import { actionLabel } from '../../../src/index.ts'
import type { AnySpec } from '../../../src/index.ts'
import multiPaxos from '../../../specs/multi-paxos.ts'
import rsm from '../../../specs/replicated-state-machine.ts'
import { expectGolden } from './golden.ts'

let result: ReturnType<typeof expectGolden> | undefined
const golden = (): ReturnType<typeof expectGolden> => (result ??= expectGolden(multiPaxos as AnySpec))

describe('Multi-Paxos', () => {
  it('log agreement holds; one phase 1, then phase 2 per instance (the skip is in the witness trace)', async () => {
    const r = await golden()
    const w = r.properties.find((p) => p.name === 'WholeLogAfterOnePhase1')!
    const steps = w.trace!.steps.slice(1).map((s) => actionLabel(s.action!))
    expect(steps.filter((l) => l.startsWith('Prepare('))).toHaveLength(1)
    const elected = steps.findIndex((l) => l.startsWith('Elected('))
    const proposes = steps.filter((l) => l.startsWith('Propose('))
    expect(proposes).toEqual(['Propose(l2, 2, 0, y1)', 'Propose(l2, 2, 1, y2)'])
    expect(steps.indexOf(proposes[0]!)).toBeGreaterThan(elected)
  })

  it('a new leader re-proposes the value the old leader got accepted', async () => {
    const r = await golden()
    const steps = r.properties.find((p) => p.name === 'LeaderChangeKeepsValue')!.trace!.steps.slice(1).map((s) => actionLabel(s.action!))
    expect(steps).toContain('Propose(l1, 1, 0, x1)')
    expect(steps).toContain('Propose(l2, 2, 0, x1)')
  })
})

describe('replicated state machine on Multi-Paxos', () => {
  it('State Machine Safety holds; replicas reach the whole log and are seen at different lengths', async () => {
    const r = await expectGolden(rsm as AnySpec)
    expect(r.properties.map((p) => p.verdict)).toEqual(r.properties.map(() => 'holds'))
  })
})
