/**
 * Golden tests for the seed's commit specs: every verdict, the counts and depth pinned in the spec's
 * `expect`, and each counterexample's length and action labels (the checker's own findings; see
 * docs/seed-models.md). Buggy configurations must keep failing.
 */
import { describe } from 'vitest'
import { goldenSpecs } from './golden.ts'

describe('seed commit specs', () => {
  goldenSpecs([
  {
    spec: 'two-phase-commit-net',
    verdicts: { AtomicCommit: 'holds', CommitNeedsAllYes: 'holds', FollowsCoordinator: 'holds', AllCommitted: 'holds', AllAborted: 'holds', PartiallyCommitted: 'holds', Blocked: 'holds' },
    traces: {},
  },
  {
    spec: 'two-phase-commit-net-timeout-abort',
    verdicts: { AtomicCommit: 'violated', FollowsCoordinator: 'violated', AllCommitted: 'holds', Blocked: 'violated' },
    traces: {
      AtomicCommit: [
        'Prepare(c)',
        'Deliver(Prepare c→p1)',
        'Deliver(Prepare c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'Decide(c, commit)',
        'Send(Commit c→p1)',
        'Deliver(Commit c→p1)',
        'Timeout(p2)',
      ],
      FollowsCoordinator: [
        'Prepare(c)',
        'Deliver(Prepare c→p1)',
        'Deliver(Prepare c→p2)',
        'Deliver(Vote(yes) p1→c)',
        'Deliver(Vote(yes) p2→c)',
        'Decide(c, commit)',
        'Timeout(p1)',
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
    verdicts: { AtomicCommit: 'violated', AllCommitted: 'holds', AllAborted: 'holds', CommittedOnTimeout: 'holds', CommitAfterCoordinatorAbort: 'holds' },
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
    verdicts: { AtomicCommit: 'violated', AllCommitted: 'holds', AllAborted: 'holds', CommittedOnTimeout: 'holds', CommitAfterCoordinatorAbort: 'violated' },
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
    verdicts: { AtomicCommit: 'violated', AllCommitted: 'holds', AllAborted: 'holds', CommittedOnTimeout: 'holds', CommitAfterCoordinatorAbort: 'holds' },
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
  ])
})
