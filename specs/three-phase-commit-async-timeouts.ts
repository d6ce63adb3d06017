/**
 * 3PC with no faults at all but asynchronous timeouts (a slow coordinator looks failed): atomic commit is violated;
 * the seed's commit rules (CommitAfterAllAcks, PreCommitAfterAllYes) hold: the search explores every state to show it.
 */
import { defineSpec, ids } from '../src/index.ts'
import { threePhaseCommit } from '../models/three-phase-commit.ts'

export default defineSpec({
  name: 'three-phase-commit-async-timeouts',
  model: threePhaseCommit,
  params: { participants: 2 },
  // No crash here: CrashedCoordinatorForgets would be vacuous.
  check: ['AtomicCommit', 'CommitAfterAllAcks', 'PreCommitAfterAllYes', 'DecisionSentIsLogged', 'AllCommitted', 'AllAborted', 'CommittedOnTimeout', 'CommitAfterCoordinatorAbort'],
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: [], budget: {}, timeouts: 'any' as const }
  },
  // Never taken: Recover: the coordinator never crashes.
  expect: { distinct: 257, total: 661, depth: 18, violated: { AtomicCommit: { length: 11 } }, neverTaken: ['Recover'], source: 'measured (BFS, this repo); 835 / 2,504 before the messages a node ignores for good were dropped (ignoresForever)' },
})
