/**
 * Liveness story 3b (issue #6): as `two-phase-commit-net-liveness-blocking.ts`, but a crashed
 * coordinator eventually restarts (Restart weakly fair) and recovers from its durable log: with a
 * decision it re-sends it, without one it runs the vote again. Every participant eventually
 * decides, and a prepared participant eventually learns the outcome (both hold).
 */
import { defineSpec, weakFair } from '../src/index.ts'
import type { Model } from '../src/index.ts'
// The model's types are imported from the model itself (not only through the blocking spec) so
// that bench/mutants.ts, which picks the specs that import a model, runs this spec on its
// mutants: it is the one that catches a participant losing its outcome and waiting forever.
import type { Action, Config, State } from '../models/two-phase-commit-net.ts'
import blocking, { config, protocolFairness, twoPhaseCommitNetLive } from './two-phase-commit-net-liveness-blocking.ts'

const model: Model<Config, State, Action> = twoPhaseCommitNetLive

export default defineSpec({
  name: 'two-phase-commit-net-liveness-recovery',
  description: '2PC over a network, coordinator crashes and restarts with a durable decision: everyone decides',
  model,
  params: blocking.params,
  check: ['AtomicCommit', 'EveryoneDecides', 'PreparedLearnsOutcome'],
  config,
  fairness: [...protocolFairness, weakFair('Restart')],
  expect: { distinct: 1261, total: 3546, depth: 15, source: 'measured (BFS, this repo); 4,646 / 15,310 before the messages a node ignores for good were dropped (ignoresForever)' },
})
