/**
 * Golden tests for the seed's commit specs: every verdict, the counts and depth pinned in the spec's
 * `expect`, and each counterexample's length and action labels (the checker's own findings; see
 * docs/seed-models.md). Buggy configurations must keep failing.
 */
import { describe, expect, it } from 'vitest'
import { goldenSpecs } from './golden.ts'
import { correctRules, init, terminationRule, view } from '../../../models/three-phase-commit-skeen.ts'
import type { Config } from '../../../models/three-phase-commit-skeen.ts'
import { init as init2pc, tmAbort as tmAbort2pc, tmCommit as tmCommit2pc, tmDecisionSent } from '../../../models/two-phase-commit.ts'
import type { State as State2pc } from '../../../models/two-phase-commit.ts'
import { compile as compilePacked, init as initPacked, tmCommit as packedCommit, tmDecisionSent as packedDecisionSent } from '../../../models/two-phase-commit-packed.ts'
import type { Words } from '../../../src/packed/index.ts'
import { decisionSentIsLogged, threePhaseCommit } from '../../../models/three-phase-commit.ts'
import type * as ThreePC from '../../../models/three-phase-commit.ts'

describe('seed commit specs', () => {
  goldenSpecs([
  {
    spec: 'two-phase-commit-net',
    verdicts: { AtomicCommit: 'holds', CommitNeedsAllYes: 'holds', FollowsCoordinator: 'holds', AllCommitted: 'holds', AllAborted: 'holds', PartiallyCommitted: 'holds', RefusedBeforeDecision: 'holds', Blocked: 'holds' },
    traces: {},
  },
  {
    spec: 'two-phase-commit-net-timeout-abort',
    verdicts: { AtomicCommit: 'violated', FollowsCoordinator: 'violated', AllCommitted: 'holds', Blocked: 'violated' },
    // p1 times out as soon as its Yes vote is on its way (nothing for it can arrive) and aborts;
    // the coordinator still collects that vote and commits.
    traces: {
      AtomicCommit: [
        'Prepare(c)',
        'Deliver(Prepare c→p1)',
        'Timeout(p1)',
        'Deliver(Prepare c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'Decide(c, commit)',
        'Send(Commit c→p2)',
        'Deliver(Commit c→p2)',
      ],
      FollowsCoordinator: [
        'Prepare(c)',
        'Deliver(Prepare c→p1)',
        'Timeout(p1)',
        'Deliver(Prepare c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'Decide(c, commit)',
      ],
    },
  },
  {
    spec: 'two-phase-commit-net-in-doubt',
    verdicts: { InDoubtCommitted: 'holds', InDoubtAborted: 'holds' },
    traces: {},
  },
  {
    spec: 'three-phase-commit-partition',
    verdicts: { AtomicCommit: 'violated', CommitAfterAllAcks: 'holds', PreCommitAfterAllYes: 'holds', DecisionSentIsLogged: 'holds', AllCommitted: 'holds', AllAborted: 'holds', CommittedOnTimeout: 'holds', CommitAfterCoordinatorAbort: 'holds' },
    traces: {
      AtomicCommit: [
        'Start(c)',
        'Deliver(CanCommit c→p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p1)',
        'Deliver(PreCommit c→p1)',
        'Partition({c}|{p1,p2})',
        'Timeout(p1)',
        'Timeout(p2)',
      ],
    },
  },
  {
    spec: 'three-phase-commit-crash',
    verdicts: { AtomicCommit: 'violated', CommitAfterAllAcks: 'holds', PreCommitAfterAllYes: 'holds', CrashedCoordinatorForgets: 'holds', DecisionSentIsLogged: 'holds', AllCommitted: 'holds', AllAborted: 'holds', CommittedOnTimeout: 'holds', CommitAfterCoordinatorAbort: 'violated' },
    traces: {
      AtomicCommit: [
        'Start(c)',
        'Deliver(CanCommit c→p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p1)',
        'Deliver(PreCommit c→p1)',
        'Crash(c)',
        'Timeout(p1)',
        'Timeout(p2)',
      ],
    },
  },
  {
    spec: 'three-phase-commit-async-timeouts',
    verdicts: { AtomicCommit: 'violated', CommitAfterAllAcks: 'holds', PreCommitAfterAllYes: 'holds', DecisionSentIsLogged: 'holds', AllCommitted: 'holds', AllAborted: 'holds', CommittedOnTimeout: 'holds', CommitAfterCoordinatorAbort: 'holds' },
    traces: {
      AtomicCommit: [
        'Start(c)',
        'Deliver(CanCommit c→p1)',
        'Timeout(p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p2)',
        'Deliver(PreCommit c→p2)',
        'Timeout(p2)',
      ],
    },
  },
  {
    spec: 'three-phase-commit-skeen-crash',
    verdicts: { AtomicCommit: 'holds', FollowsCoordinator: 'holds', AllCommitted: 'holds', AllAborted: 'holds', TerminationCommits: 'holds', TerminationAborts: 'holds', TerminationPreCommits: 'holds', LiveParticipantsDecide: 'holds' },
    traces: {},
  },
  {
    spec: 'three-phase-commit-skeen-drops',
    verdicts: { FollowsCoordinator: 'holds', AllCommitted: 'holds', AllAborted: 'holds', TerminationAborts: 'holds' },
    traces: {},
  },
  {
    spec: 'three-phase-commit-skeen-partition',
    verdicts: { AtomicCommit: 'violated', FollowsCoordinator: 'violated', AllCommitted: 'holds', AllAborted: 'holds', TerminationCommits: 'holds', TerminationAborts: 'holds', TerminationPreCommits: 'holds' },
    traces: {
      AtomicCommit: [
        'Start(c)',
        'Deliver(CanCommit c→p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p1)',
        'Send(PreCommit c→p2)',
        'Partition({c,p2}|{p1})',
        'Timeout(c)',
        'Send(DoCommit c→p2)',
        'Terminate(p1, TR3)',
        'Deliver(DoCommit c→p2)',
      ],
      FollowsCoordinator: [
        'Start(c)',
        'Deliver(CanCommit c→p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p1)',
        'Send(PreCommit c→p2)',
        'Partition({c,p2}|{p1})',
        'Timeout(c)',
        'Terminate(p1, TR3)',
      ],
    },
  },
  {
    spec: 'three-phase-commit-skeen-partition-recovery',
    verdicts: { AtomicCommit: 'violated', FollowsCoordinator: 'violated', AllCommitted: 'holds', AllAborted: 'holds', TerminationCommits: 'holds', TerminationAborts: 'holds' },
    traces: {
      AtomicCommit: [
        'Start(c)',
        'Deliver(CanCommit c→p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p1)',
        'Deliver(PreCommit c→p1)',
        'Partition({c}|{p1}|{p2})',
        'Terminate(p1, TR4-commit)',
        'Terminate(p2, TR3)',
      ],
      FollowsCoordinator: [
        'Start(c)',
        'Deliver(CanCommit c→p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p1)',
        'Send(PreCommit c→p2)',
        'Partition({c}|{p1}|{p2})',
        'Timeout(c)',
        'Terminate(p1, TR3)',
      ],
    },
  },
  {
    spec: 'three-phase-commit-skeen-ready-commit',
    verdicts: { AtomicCommit: 'violated', FollowsCoordinator: 'violated' },
    traces: {
      AtomicCommit: [
        'Start(c)',
        'Refuse(p1)',
        'Deliver(CanCommit c→p2)',
        'Crash(c)',
        'Timeout(p2)',
      ],
      FollowsCoordinator: [
        'Start(c)',
        'Crash(p1)',
        'Timeout(c)',
        'Deliver(CanCommit c→p2)',
        'Crash(c)',
        'Timeout(p2)',
      ],
    },
  },
  {
    spec: 'three-phase-commit-skeen-ignore-abort',
    verdicts: { AtomicCommit: 'violated', FollowsCoordinator: 'holds' },
    traces: {
      AtomicCommit: [
        'Start(c)',
        'Deliver(CanCommit c→p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(CanCommit c→p3)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'Deliver(Vote(yes) p3→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p2)',
        'Send(PreCommit c→p3)',
        'Crash(c)',
        'Terminate(p1, TR3)',
        'Deliver(PreCommit c→p2)',
        'Deliver(PreCommit c→p3)',
        'Deliver(Abort p1→p2)',
        'Crash(p1)',
        'Terminate(p2, TR4-commit)',
      ],
    },
  },
  {
    spec: 'three-phase-commit-skeen-uncertain-commit',
    verdicts: { AtomicCommit: 'violated', FollowsCoordinator: 'violated' },
    traces: {
      AtomicCommit: [
        'Start(c)',
        'Refuse(p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(CanCommit c→p3)',
        'Crash(c)',
        'Crash(p1)',
        'Terminate(p2, TR3)',
      ],
      FollowsCoordinator: [
        'Start(c)',
        'Crash(p1)',
        'Timeout(c)',
        'Deliver(CanCommit c→p2)',
        'Deliver(CanCommit c→p3)',
        'Crash(c)',
        'Terminate(p2, TR3)',
      ],
    },
  },
  {
    spec: 'three-phase-commit-skeen-early-precommit',
    verdicts: { AtomicCommit: 'violated', FollowsCoordinator: 'violated' },
    traces: {
      AtomicCommit: [
        'Start(c)',
        'Refuse(p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(CanCommit c→p3)',
        'Deliver(Vote(yes) p2→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p3)',
        'Deliver(PreCommit c→p3)',
        'Crash(c)',
        'Crash(p1)',
        'Terminate(p2, TR4-precommit)',
        'Terminate(p2, TR4-commit)',
      ],
      FollowsCoordinator: [
        'Start(c)',
        'Refuse(p1)',
        'Deliver(CanCommit c→p2)',
        'Deliver(Vote(yes) p2→c)',
        'PreCommit(c)',
        'Send(PreCommit c→p1)',
        'Send(PreCommit c→p2)',
        'Send(PreCommit c→p3)',
        'Crash(p1)',
        'Timeout(c)',
      ],
    },
  },
  ])
})

describe("Skeen's 3PC termination rule (Bernstein, Hadzilacos & Goodman §7.5)", () => {
  const rule = (...xs: Parameters<typeof terminationRule>[1]) => terminationRule(correctRules, xs)
  it('aborts if anyone aborted or has not voted, commits if anyone committed', () => {
    expect(rule('precommitted', 'aborted')).toBe('TR1')
    expect(rule('ready', 'init')).toBe('TR1')
    expect(rule('ready', 'committed')).toBe('TR2')
  })
  it('aborts when all are uncertain; pre-commits the uncertain when one is committable', () => {
    expect(rule('ready', 'ready')).toBe('TR3')
    expect(rule('ready', 'precommitted')).toBe('TR4-precommit')
    expect(rule('precommitted', 'precommitted')).toBe('TR4-commit')
  })
  it("a participant's view is the participants up and on its side of a partition", () => {
    const c: Config = { coordinator: 'c', participants: ['p1', 'p2', 'p3'], crashable: [], budget: {} }
    const s0 = init(c)
    const s = { ...s0, net: { ...s0.net, down: ['p1'], partition: [['c', 'p1', 'p2'], ['p3']] } }
    expect(view(c, s, 'p2')).toEqual(['p2'])
    expect(view(c, s, 'p3')).toEqual(['p3'])
    expect(view(c, s0, 'p3')).toEqual(['p1', 'p2', 'p3'])
  })
})

describe("2PC's TMDecisionSent (the TM's state is the decision it sent; not in TwoPhase.tla)", () => {
  const c = { rms: ['r1', 'r2'] }
  const tp = init2pc(c)
  const committed = tmCommit2pc(c, { ...tp, tmPrepared: ['r1', 'r2'] }) as State2pc
  const aborted = tmAbort2pc(c, tp) as State2pc

  it('holds on what TMCommit and TMAbort make, and before either', () => {
    expect([tp, committed, aborted].map((s) => tmDecisionSent(c, s))).toEqual([true, true, true])
  })

  it('is broken by a TM that records the opposite of what it sent', () => {
    expect(tmDecisionSent(c, { ...committed, tmState: 'aborted' })).toBe(false)
    expect(tmDecisionSent(c, { ...aborted, tmState: 'committed' })).toBe(false)
    expect(tmDecisionSent(c, { ...tp, tmState: 'committed' })).toBe(false)
    // Each conjunct alone: Abort sent while the TM is still in init; Commit sent likewise.
    expect(tmDecisionSent(c, { ...tp, msgs: aborted.msgs })).toBe(false)
    expect(tmDecisionSent(c, { ...tp, msgs: committed.msgs })).toBe(false)
  })

  it('reads the same on the packed model', () => {
    const k = compilePacked(c)
    const [w0] = initPacked(k) as [Words]
    const wc = packedCommit(k, (() => {
      const w = w0.slice()
      for (let rm = 0; rm < k.rms; rm++) k.tmPrepared.add(w, k.rmIndex[rm] as number)
      return w
    })()) as Words
    expect([w0, wc].map((w) => packedDecisionSent(k, w))).toEqual([true, true])
    const wrong = wc.slice()
    k.tmState.set(wrong, 'aborted')
    expect(packedDecisionSent(k, wrong)).toBe(false)
    // An Abort sent by a TM still in init (the second conjunct alone).
    const early = w0.slice()
    k.msgs.add(early, k.abortMsg)
    expect(packedDecisionSent(k, early)).toBe(false)
  })
})

describe("the seed 3PC's DecisionSentIsLogged (a decision in flight is the coordinator's logged one)", () => {
  it('holds initially and is broken by a DoCommit or an Abort the coordinator did not log', async () => {
    const spec = (await import('../../../specs/three-phase-commit-crash.ts')).default
    const c = (spec.config as (p: typeof spec.params) => ThreePC.Config)(spec.params)
    const [s0] = threePhaseCommit.init(c) as [ThreePC.State]
    const send = (type: 'DoCommit' | 'Abort'): ThreePC.State => ({ ...s0, net: { ...s0.net, inFlight: [{ from: c.coordinator, to: c.participants[0] as string, type } as ThreePC.Msg] } }) as ThreePC.State
    expect(decisionSentIsLogged(c, s0)).toBe(true)
    expect(decisionSentIsLogged(c, send('DoCommit'))).toBe(false)
    expect(decisionSentIsLogged(c, send('Abort'))).toBe(false)
    const logged = (phase: 'committed' | 'aborted', type: 'DoCommit' | 'Abort'): ThreePC.State =>
      ({ ...send(type), coordinator: { [c.coordinator]: { ...(s0.coordinator[c.coordinator] as object), durable: { phase } } } }) as ThreePC.State
    expect([logged('aborted', 'Abort'), logged('committed', 'DoCommit')].map((s) => decisionSentIsLogged(c, s))).toEqual([true, true])
    // The bug it was added for: an aborted coordinator's DoCommit (and the reverse).
    expect([logged('aborted', 'DoCommit'), logged('committed', 'Abort')].map((s) => decisionSentIsLogged(c, s))).toEqual([false, false])
  })
})
