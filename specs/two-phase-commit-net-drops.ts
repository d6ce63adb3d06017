/**
 * Message-passing 2PC with a lost message as well as a crash: coordinator + 2 participants, one
 * crash of any node (with restart) and one dropped message. Atomic commit and commit validity
 * still hold; a lost vote makes the coordinator time out and abort though every participant voted
 * Yes (`AbortedAfterLostMessage`). A lost decision leaves its participant waiting (no
 * retransmission is modelled: a liveness matter, not a safety one).
 */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommitNet } from '../models/two-phase-commit-net.ts'

export default defineSpec({
  name: 'two-phase-commit-net-drops',
  description: '2PC, 2 participants, 1 crash and 1 dropped message',
  model: twoPhaseCommitNet,
  params: { participants: 2, crashes: 1, drops: 1 },
  check: [
    'AtomicCommit',
    'CommitNeedsAllYes',
    'FollowsCoordinator',
    'CommitReachesOnlyYesVoters',
    'CrashedCoordinatorForgets',
    'AllCommitted',
    'AllAborted',
    'PartiallyCommitted',
    'AbortedAfterLostMessage',
  ],
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: ['c', ...participants], budget: { crash: p.crashes as number, drop: p.drops as number } }
  },
  expect: { distinct: 4089, total: 14252, depth: 16, source: 'measured (BFS, this repo); 12,294 / 52,338 before the messages a node ignores for good were dropped (ignoresForever)' },
})
