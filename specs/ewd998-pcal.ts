/**
 * EWD998PCal.tla (Safra's termination detection, each node's in-buffer a bag of messages) with
 * N = 3 and its CONSTRAINT StateConstraint bounding every counter, as EWD998PCal.cfg checks it but
 * with a smaller bound: counters below 2, not 3, so that the suite runs it in about a second. TLC's
 * deadlock check is on, as the .cfg leaves it; the module's refinement property EWD998Spec is
 * replaced by EWD998's invariants on the same mapping, and EWD998's Liveness is checked under the
 * module's fairness (models/ewd998-pcal.ts).
 *
 * EWD998PCal.cfg itself (counters below 3: `--param maxCounter=3`, 5.9 and 7.2 CPU-s in two runs here) gives
 * 588,800 distinct / 2,808,396 generated / depth 47, 267,430 of the distinct states cut:
 * 321,370 within the constraint. TLC's counts in tlaplus/Examples' manifest
 * (specifications/ewd998) are 321,370 distinct / 2,808,396 generated / depth 47, equal to those
 * within the constraint, the generated count and the depth, on one worker, two, DFS (distinct,
 * generated and cut) and two processes. The counts pinned below are this checker's for the
 * smaller bound, for which no TLC figure is published.
 */
import { defineSpec } from '../src/index.ts'
import { ewd998PCal, stateConstraint } from '../models/ewd998-pcal.ts'

export default defineSpec({
  name: 'ewd998-pcal',
  description: "Kuppe's EWD998PCal.tla: Safra's termination detection over bags of messages, N = 3, counters below 2",
  model: ewd998PCal,
  params: { n: 3, maxCounter: 2 },
  config: (p) => ({ n: p.n as number, maxCounter: p.maxCounter as number }),
  constraint: stateConstraint,
  deadlock: true,
  expect: {
    distinct: 46932,
    total: 168292,
    depth: 28,
    withinConstraint: 20870,
    depthWithinConstraint: 28,
    source: 'this checker, counters below 2; with EWD998PCal.cfg\'s bound (maxCounter=3) TLC\'s 321,370 / 2,808,396 / 47 within the constraint (tlaplus/Examples manifest), see the header',
  },
})
