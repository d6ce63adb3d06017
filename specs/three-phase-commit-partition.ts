/**
 * 3PC with the seed's timeout rules, coordinator + 2 participants, one partition (and heal), accurate timeouts: atomic commit is violated.
 * The seed's commit rules (CommitAfterAllAcks, PreCommitAfterAllYes) hold: the search explores every state to show it.
 */
import { defineSpec, ids } from '../src/index.ts'
import { threePhaseCommit } from '../models/three-phase-commit.ts'

export default defineSpec({
  name: 'three-phase-commit-partition',
  model: threePhaseCommit,
  params: { participants: 2, partitions: 1 },
  // No crash here: CrashedCoordinatorForgets would be vacuous.
  check: ['AtomicCommit', 'CommitAfterAllAcks', 'PreCommitAfterAllYes', 'DecisionSentIsLogged', 'AllCommitted', 'AllAborted', 'CommittedOnTimeout', 'CommitAfterCoordinatorAbort'],
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: [], budget: { partition: p.partitions as number }, timeouts: 'on-failure' as const }
  },
  // Never taken: Recover: the coordinator never crashes.
  expect: { distinct: 966, total: 2865, depth: 20, violated: { AtomicCommit: { length: 12 } }, neverTaken: ['Recover'], source: 'measured (BFS, this repo); 2,247 / 6,788 before the messages a node ignores for good were dropped (ignoresForever)' },
})
