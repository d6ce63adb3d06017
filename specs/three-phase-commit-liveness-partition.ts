/**
 * Liveness story 4b (issue #6): what a partition does to 3PC. No crashes; one partition that may
 * last forever (Heal is not fair); accurate timeouts; the same fairness as
 * `three-phase-commit-liveness-crash.ts`. Both properties fail. Atomic commit: cut off from the
 * coordinator, the two sides time out and decide differently (as `three-phase-commit-partition.ts`
 * pins). PreparedLearnsOutcome: a lasso where the partition isolates one participant, which aborts
 * on its timeout, then heals; the coordinator, waiting for that participant's Ack, never gets it
 * (an aborted participant ignores PreCommit) and never times out (the peer is up and reachable),
 * and the other participant stays pre-committed forever.
 */
import { defineSpec } from '../src/index.ts'
import crash, { config, protocolFairness, threePhaseCommitLive } from './three-phase-commit-liveness-crash.ts'

export default defineSpec({
  name: 'three-phase-commit-liveness-partition',
  description: '3PC under a partition that may never heal: participants decide, but not alike',
  model: threePhaseCommitLive,
  params: { participants: crash.params!.participants as number },
  check: ['AtomicCommit', 'PreparedLearnsOutcome'],
  config: config('partition'),
  fairness: protocolFairness,
  // Never taken: Recover: no crash.
  expect: { distinct: 966, total: 2865, depth: 20, violated: { AtomicCommit: { length: 12 }, PreparedLearnsOutcome: { length: 14 } }, neverTaken: ['Recover'], source: 'measured (BFS, this repo); 2,247 / 6,788 before the messages a node ignores for good were dropped (ignoresForever)' },
})
