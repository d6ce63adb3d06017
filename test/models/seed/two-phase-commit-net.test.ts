/**
 * Golden test for message-passing 2PC under a lost message as well as a crash (issue #15 item 9):
 * the safety properties hold, including the one that makes a participant-side "commit only after
 * voting Yes" guard dead code (`CommitReachesOnlyYesVoters`), and a lost vote is seen to abort a
 * transaction every participant voted for. The other 2PC specs are in commit.test.ts.
 */
import { describe } from 'vitest'
import { goldenSpecs } from './golden.ts'

describe('seed 2PC specs with lost messages', () => {
  goldenSpecs([
    {
      spec: 'two-phase-commit-net-drops',
      verdicts: {
        AtomicCommit: 'holds',
        CommitNeedsAllYes: 'holds',
        FollowsCoordinator: 'holds',
        CommitReachesOnlyYesVoters: 'holds',
        CrashedCoordinatorForgets: 'holds',
        AllCommitted: 'holds',
        AllAborted: 'holds',
        PartiallyCommitted: 'holds',
        AbortedAfterLostMessage: 'holds',
      },
      traces: {},
    },
  ])
})
