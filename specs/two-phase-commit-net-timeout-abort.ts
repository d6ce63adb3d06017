/**
 * BUGGY 2PC: a prepared participant aborts on timeout. Atomic commit is violated (the checker finds
 * it with no fault at all: the timeout fires while the coordinator's Commit is still to come), and
 * blocking is gone (`Blocked` is unreachable) — the fix trades safety for liveness.
 */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommitNetTimeoutAbort } from '../models/two-phase-commit-net-timeout-abort.ts'

export default defineSpec({
  name: 'two-phase-commit-net-timeout-abort',
  model: twoPhaseCommitNetTimeoutAbort,
  params: { participants: 2, crashes: 1 },
  check: ['AtomicCommit', 'FollowsCoordinator', 'AllCommitted', 'Blocked'],
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: ['c', ...participants], budget: { crash: p.crashes as number } }
  },
  expect: { distinct: 2565, total: 7941, depth: 15, violated: { AtomicCommit: { length: 10 }, FollowsCoordinator: { length: 8 }, Blocked: {} }, source: 'measured (BFS, this repo); 8,655 / 30,761 before the messages a node ignores for good were dropped (ignoresForever)' },
})
