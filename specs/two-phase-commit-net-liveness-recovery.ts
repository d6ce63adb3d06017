/**
 * Liveness story 3b (issue #6): as `two-phase-commit-net-liveness-blocking.ts`, but a crashed
 * coordinator eventually restarts (Restart weakly fair) and recovers from its durable log: with a
 * decision it re-sends it, without one it runs the vote again. Every participant eventually
 * decides, and a prepared participant eventually learns the outcome (both hold).
 */
import { defineSpec, weakFair } from '../src/index.ts'
import blocking, { config, protocolFairness, twoPhaseCommitNetLive } from './two-phase-commit-net-liveness-blocking.ts'

export default defineSpec({
  name: 'two-phase-commit-net-liveness-recovery',
  description: '2PC over a network, coordinator crashes and restarts with a durable decision: everyone decides',
  model: twoPhaseCommitNetLive,
  params: blocking.params,
  check: ['AtomicCommit', 'EveryoneDecides', 'PreparedLearnsOutcome'],
  config,
  fairness: [...protocolFairness, weakFair('Restart')],
  expect: { distinct: 4646, total: 15310, depth: 16, source: 'measured (BFS, this repo)' },
})
