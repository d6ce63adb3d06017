import { describe, expect, it } from 'vitest'
import type { AnySpec } from '../../src/core/spec.ts'
import { check } from '../../src/index.ts'
import { classify, nodeOf, sequenceOf } from '../../src/trace/sequence.ts'
import buggy from './fixtures/buggy-two-phase-commit.ts'
import echo from './fixtures/echo.ts'
import { cluster } from './fixtures/cluster.ts'
import { faultyEcho, walk } from './fixtures/walk.ts'

describe('sequence extraction', () => {
  it('reads sends, deliveries, drops, crashes and partitions from a src/net network', () => {
    const seq = sequenceOf(faultyEcho())
    expect(seq.nodes).toEqual(['client', 'server'])
    expect(seq.arrows.map((a) => [a.label, a.sendStep, a.endStep, a.fate])).toEqual([
      ['Req(1) client→server', 1, 4, 'dropped'], // lost with the crashed server
      ['Req(2) client→server', 6, 7, 'delivered'],
      ['Ack(2) server→client', 7, 8, 'dropped'],
      ['Req(3) client→server', 9, null, 'in-flight'],
    ])
    expect(seq.marks.map((m) => [m.kind, m.step, m.node])).toEqual([
      ['partition', 2, null],
      ['heal', 3, null],
      ['crash', 4, 'server'],
      ['restart', 5, 'server'],
      ['timeout', 6, 'client'],
      ['timeout', 9, 'client'],
    ])
  })

  it('draws a duplicated message as a second, marked copy', async () => {
    const r = await check(echo as AnySpec)
    const seq = sequenceOf(r.properties[0]?.trace as never)
    expect(seq.arrows.map((a) => [a.from, a.to, a.sendStep, a.endStep, a.duplicate])).toEqual([
      ['client', 'server', 1, 2, false],
      ['server', 'client', 2, 4, false],
      ['server', 'client', 3, 5, true],
    ])
  })

  it('infers lifelines and arrows for a TLA+-style model with a set of messages (TwoPhase)', async () => {
    const r = await check(buggy as AnySpec)
    const seq = sequenceOf(r.properties.find((p) => p.name === 'TCConsistent')?.trace as never)
    // Grouped by role: the RMs (the keys of rmState, r3 included though no step concerns it), then TM.
    expect(seq.nodes).toEqual(['r1', 'r2', 'r3', 'TM'])
    expect(seq.roles.map((r) => [r.name, r.fromState])).toEqual([['rmState', true], ['TM', false]])
    expect(seq.arrows.map((a) => [a.label, a.from, a.to, a.sendStep, a.endStep])).toEqual([
      ['Prepared(r1)', 'r1', 'TM', 1, 2],
      ['Commit', 'TM', 'r1', 3, 4],
    ])
    // A broadcast read by two RMs is two arrows; a message nobody read is drawn as sent only.
    const t = walk(buggy as AnySpec, ['RMPrepare(r1)', 'TMRcvPrepared(r1)', 'TMCommit', 'RMRcvCommitMsg(r1)', 'RMRcvCommitMsg(r2)', 'RMPrepare(r3)'])
    const s2 = sequenceOf(t)
    expect(s2.arrows.map((a) => [a.label, a.to, a.fate])).toEqual([
      ['Prepared(r1)', 'TM', 'delivered'],
      ['Commit', 'r1', 'delivered'],
      ['Commit', 'r2', 'delivered'],
      ['Prepared(r3)', null, 'in-flight'],
    ])
  })

  it('names the node of an action by its node field, its role prefix, or its only string parameter', () => {
    expect(nodeOf({ name: 'Crash', node: 'p1' } as never)).toBe('p1')
    expect(nodeOf({ name: 'RMPrepare', rm: 'r2' } as never)).toBe('r2')
    expect(nodeOf({ name: 'TMRcvPrepared', rm: 'r2' } as never)).toBe('TM')
    expect(nodeOf({ name: 'Phase1b', acceptor: 'a1', ballot: 2 } as never)).toBe('a1')
    expect(nodeOf({ name: 'Tick' })).toBeNull()
    expect(classify({ name: 'Drop' })).toBe('drop')
    // Lose/loss as a word of the name, not letters inside one (tcp.tla's CLOSE_LISTEN was a drop).
    expect(['LoseMsg', 'MessageLoss', 'msg_lost', 'CLOSE_LISTEN', 'CloseSession', 'Closing'].map((name) => classify({ name }))).toEqual(['drop', 'drop', 'drop', 'local', 'local', 'local'])
    expect(classify({ name: 'RMRcvCommitMsg' })).toBe('deliver')
  })

  it('groups lifelines by the state records that hold them, in the order of first appearance', () => {
    const seq = sequenceOf(cluster(2, 5, 60))
    expect(seq.roles.map((r) => [r.name, r.nodes])).toEqual([
      ['clients', ['c1', 'c2']],
      ['replicas', ['r1', 'r2', 'r3', 'r4', 'r5']],
    ])
    // Nodes with no state record: by id prefix, sorted naturally.
    const t = { steps: [{ action: null, state: {} }, { action: { name: 'Ping', node: 's10' }, state: {} }, { action: { name: 'Ping', node: 'c1' }, state: {} }, { action: { name: 'Ping', node: 's2' }, state: {} }] }
    expect(sequenceOf(t as never).nodes).toEqual(['s2', 's10', 'c1'])
  })

  it('reads down intervals from the state: a crash and restart in one step leaves the node up', () => {
    const seq = sequenceOf(cluster(2, 5, 60))
    expect(seq.marks.filter((m) => m.kind === 'crash').map((m) => [m.node, m.step])).toEqual([['r2', 20], ['r3', 33], ['r5', 54]])
    expect(seq.downs).toEqual([
      { node: 'r2', from: 20, to: 27 },
      { node: 'r5', from: 54, to: null },
    ])
    // Without a down set in the state, Crash / Restart actions are paired instead.
    const t = { steps: [{ action: null, state: { x: 0 } }, { action: { name: 'Crash', node: 'p1' }, state: { x: 1 } }, { action: { name: 'Restart', node: 'p1' }, state: { x: 2 } }] }
    expect(sequenceOf(t as never).downs).toEqual([{ node: 'p1', from: 1, to: 2 }])
  })

  it('has no lifelines when no step concerns a node', () => {
    const seq = sequenceOf({ steps: [{ action: null, state: { x: 0 } }, { action: { name: 'Tick' }, state: { x: 1 } }] })
    expect(seq.nodes).toEqual([])
    expect(seq.arrows).toEqual([])
  })
})
