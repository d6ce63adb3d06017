/**
 * `two-phase-commit-net.ts` with two crashes: the coordinator may crash, recover (re-sending its
 * logged decision) and crash again. A decision must be durable from the moment it is taken: one
 * that reached the log lazily (only once the first copy had gone out) survived a single crash as
 * a safe presumed abort, and passed the one-crash suite, but here the second crash loses a
 * Commit already sent and the recovered coordinator aborts the rest: atomic commit is violated.
 */
import { defineSpec } from '../src/index.ts'
import netSpec from './two-phase-commit-net.ts'

export default defineSpec({
  ...netSpec,
  name: 'two-phase-commit-net-two-crashes',
  description: 'message-passing 2PC, 2 participants, two crashes of any node',
  params: { participants: 2, crashes: 2 },
  check: ['AtomicCommit', 'CommitNeedsAllYes', 'FollowsCoordinator', 'AllCommitted', 'AllAborted', 'PartiallyCommitted', 'RefusedBeforeDecision', 'Blocked'],
  expect: { distinct: 6900, total: 24956, depth: 19, source: 'measured (BFS, this repo); 28,728 / 118,894 before the messages a node ignores for good were dropped (ignoresForever)' },
})
