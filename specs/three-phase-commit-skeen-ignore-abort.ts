/**
 * BUGGY: a pre-committed participant ignores Abort (it believes everyone voted Yes), though a recovery coordinator that saw only uncertain states may have aborted before that PreCommit landed.
 * Same bounds as three-phase-commit-skeen-crash.ts (crash faults only), where the correct protocol
 * is safe; the checker finds the violation (shortest counterexample, BFS).
 */
import { defineSpec } from '../src/index.ts'
import { threePhaseCommitSkeenIgnoreAbort } from '../models/three-phase-commit-skeen-ignore-abort.ts'
import crash, { skeenConfig } from './three-phase-commit-skeen-crash.ts'

export default defineSpec({
  name: 'three-phase-commit-skeen-ignore-abort',
  model: threePhaseCommitSkeenIgnoreAbort,
  params: crash.params!,
  config: skeenConfig,
  check: ['AtomicCommit', 'FollowsCoordinator'],
  expect: { distinct: 8563, total: 29230, depth: 27, violated: { AtomicCommit: { length: 18 } }, source: 'measured (BFS, this repo); 20,437 / 89,578 before the messages a node ignores for good were dropped (ignoresForever)' },
})
