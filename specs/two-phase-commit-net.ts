/**
 * Message-passing 2PC: coordinator + 2 participants, one crash of any node (with restart).
 * Atomic commit holds; the blocking case is reachable: the coordinator is down after the votes
 * and the prepared participants have no step but waiting (`Blocked`).
 */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommitNet } from '../models/two-phase-commit-net.ts'

export default defineSpec({
  name: 'two-phase-commit-net',
  model: twoPhaseCommitNet,
  params: { participants: 2, crashes: 1 },
  check: ['AtomicCommit', 'CommitNeedsAllYes', 'FollowsCoordinator', 'AllCommitted', 'AllAborted', 'PartiallyCommitted', 'RefusedBeforeDecision', 'Blocked'],
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: ['c', ...participants], budget: { crash: p.crashes as number } }
  },
  expect: { distinct: 1755, total: 5110, depth: 15, source: 'measured (BFS, this repo); 5,692 / 19,220 before the messages a node ignores for good were dropped (ignoresForever)' },
})
