import { describe, expect, it } from 'vitest'
import { actionLabel } from '../../../src/index.ts'
import type { AnySpec } from '../../../src/index.ts'
import paxosNet from '../../../specs/paxos-net.ts'
import ignoreAccepted from '../../../specs/paxos-net-ignore-accepted.ts'
import volatilePromise from '../../../specs/paxos-net-volatile-promise.ts'
import minorityQuorum from '../../../specs/paxos-net-minority-quorum.ts'
import { expectGolden } from './golden.ts'

const labels = (r: Awaited<ReturnType<typeof expectGolden>>, prop: string): string[] =>
  r.properties.find((p) => p.name === prop)?.trace?.steps.slice(1).map((s) => actionLabel(s.action!)) ?? []

describe('message-passing Basic Paxos', () => {
  it('Agreement, LearntIsChosen, Validity and P2 hold with one acceptor crash; both proposers can learn', async () => {
    const r = await expectGolden(paxosNet as AnySpec)
    expect(r.properties.map((p) => p.verdict)).toEqual(r.properties.map(() => 'holds'))
  })

  it('ignoring the reported accepted value lets a second value be chosen', async () => {
    const r = await expectGolden(ignoreAccepted as AnySpec)
    const steps = labels(r, 'Agreement')
    expect(steps).toContain('Deliver(Promise(1, v1, 2) a2→p2)')
    expect(steps.at(-1)).toMatch(/^Deliver\(Accept\(2, v2\)/)
  })

  it('a promise lost on restart lets an older proposal complete a quorum after a newer one', async () => {
    const r = await expectGolden(volatilePromise as AnySpec)
    const steps = labels(r, 'Agreement')
    const crash = steps.findIndex((l) => l.startsWith('Crash('))
    expect(crash).toBeGreaterThan(0)
    const node = /Crash\((\w+)\)/.exec(steps[crash]!)![1]
    expect(steps.slice(crash + 1)).toContain(`Deliver(Accept(1, v1) p1→${node})`)
  })

  it('minority quorums let two proposers learn different values', async () => {
    const r = await expectGolden(minorityQuorum as AnySpec)
    const steps = labels(r, 'Agreement')
    expect(steps.filter((l) => l.startsWith('Deliver(Accepted'))).toHaveLength(2)
  })
})
