import { describe, expect, it } from 'vitest'
import { actionLabel } from '../../../src/index.ts'
import type { AnySpec } from '../../../src/index.ts'
import raft from '../../../specs/raft.ts'
import elections from '../../../specs/raft-elections.ts'
import volatileVote from '../../../specs/raft-volatile-vote.ts'
import { init, leaderCompleteness } from '../../../models/raft.ts'
import type { Config, Server, State } from '../../../models/raft.ts'
import { expectGolden } from './golden.ts'

describe('Raft Leader Completeness is stated as in the paper (§5.4)', () => {
  const c: Config = { servers: ['s1', 's2', 's3'], maxTerm: 3, maxLog: 2, budget: {} }
  const leader = (term: number, log: number[]): Server => ({
    durable: { currentTerm: term, votedFor: 's2', log },
    volatile: { role: 'leader', votesGranted: ['s2', 's3'], nextIndex: {}, matchIndex: {}, commitSent: {}, commitIndex: 0 },
  })
  // The issue's 23-step scenario, ending state only: a term-3 leader committed s1's term-1 entry in
  // term 3; s2, still leader of term 2 (it has not heard of term 3), lacks it.
  const base = init(c)
  const at = (s2: Server, committedIn: number): State => ({
    ...base,
    servers: { ...base.servers, s2 },
    committed: [{ index: 1, term: 1, in: committedIn }],
  })

  it('a stale leader of a term below the commit term need not hold the entry', () => {
    // The old definition (compare with the entry's own term, 1) reported this as a violation.
    expect(leaderCompleteness(c, at(leader(2, []), 3))).toBe(true)
  })

  it('a leader of a term above the commit term must hold the entry', () => {
    expect(leaderCompleteness(c, at(leader(4, []), 3))).toBe(false)
    expect(leaderCompleteness(c, at(leader(4, [1]), 3))).toBe(true)
    expect(leaderCompleteness(c, at(leader(4, [2]), 3))).toBe(false)
  })
})

describe('Raft (message passing)', () => {
  it('one term with a crash: Election Safety, Log Matching and State Machine Safety hold; an entry is committed', async () => {
    const r = await expectGolden(raft as AnySpec)
    expect(r.properties.map((p) => p.verdict)).toEqual(r.properties.map(() => 'holds'))
  })

  it('two terms of elections: Election Safety holds and a second leader is elected', async () => {
    const r = await expectGolden(elections as AnySpec)
    expect(r.properties.find((p) => p.name === 'SecondLeader')?.verdict).toBe('holds')
  })

  it('volatile votedFor: two leaders in one term, found by the checker', async () => {
    const r = await expectGolden(volatileVote as AnySpec)
    const steps = r.properties.find((p) => p.name === 'ElectionSafety')!.trace!.steps.slice(1).map((s) => actionLabel(s.action!))
    const crash = steps.findIndex((l) => l.startsWith('Crash('))
    expect(crash).toBeGreaterThan(0)
    expect(steps.filter((l) => l.startsWith('Deliver(Vote('))).toHaveLength(2)
  })
})

import raftAbstract from '../../../specs/raft-abstract.ts'
import figure8 from '../../../specs/raft-abstract-figure8.ts'

describe('Raft without messages', () => {
  it('three terms, two-entry logs: the five safety properties hold', async () => {
    const r = await expectGolden(raftAbstract as AnySpec)
    expect(r.properties.map((p) => p.verdict)).toEqual(r.properties.map(() => 'holds'))
  })

  it("Figure 8: committing an earlier term's entry by counting replicas loses a committed entry", async () => {
    const r = await expectGolden(figure8 as AnySpec)
    const steps = r.properties.find((p) => p.name === 'StateMachineSafety')!.trace!.steps.slice(1).map((s) => actionLabel(s.action!))
    expect(steps.filter((l) => l.startsWith('BecomeLeader('))).toHaveLength(4)
    expect(steps).toContain('Commit(s1, 1, [s1, s3])')
    expect(steps.at(-1)).toBe('Commit(s2, 1, [s1, s2])')
  })
})

import twoTerms from '../../../specs/raft-two-terms.ts'
import twoEntries from '../../../specs/raft-two-entries.ts'
import overwrite from '../../../specs/raft-overwrite.ts'
import keepConflict from '../../../specs/raft-keep-conflict.ts'
import noPrevLogCheck from '../../../specs/raft-no-prev-log-check.ts'
import voteAnyLog from '../../../specs/raft-vote-any-log.ts'
import commitMinority from '../../../specs/raft-commit-minority.ts'
import lastTermGe from '../../../specs/raft-last-term-ge.ts'
import staleVotes from '../../../specs/raft-stale-votes.ts'
import commitLastTerm from '../../../specs/raft-commit-last-term.ts'
import figure8TwoEntries from '../../../specs/raft-figure8-two-entries.ts'
import { check } from '../../../src/index.ts'

describe('Raft buggy variants are caught where the correct model holds', () => {
  // Each mutant spec runs at the parameters of a correct spec (the golden tests check that the
  // correct spec completes with every safety property holding); here: same parameters, and the
  // mutant's property violated.
  const cases: [AnySpec, AnySpec, string][] = [
    [keepConflict as AnySpec, twoTerms as AnySpec, 'StateMachineSafety'],
    [noPrevLogCheck as AnySpec, overwrite as AnySpec, 'StateMachineSafety'],
    [voteAnyLog as AnySpec, twoTerms as AnySpec, 'LeaderCompleteness'],
    [commitMinority as AnySpec, twoTerms as AnySpec, 'LeaderCompleteness'],
    [lastTermGe as AnySpec, twoEntries as AnySpec, 'LeaderCompleteness'],
    [staleVotes as AnySpec, twoTerms as AnySpec, 'ElectionSafety'],
    [commitLastTerm as AnySpec, figure8TwoEntries as AnySpec, 'LeaderCompleteness'],
  ]
  for (const [bug, correct, prop] of cases) {
    it(`${bug.name}: ${prop} violated at the bounds of ${correct.name}`, async () => {
      expect(bug.params).toEqual(correct.params)
      expect(bug.constraint === undefined).toBe(correct.constraint === undefined)
      expect(correct.check).toContain(prop)
      expect(correct.expect?.violated).toBeUndefined()
      const r = await check(bug)
      expect(r.properties.find((p) => p.name === prop)?.verdict).toBe('violated')
    })
  }
})
