/**
 * Skeen's 3PC with one lost message as well as one crash: coordinator + 1 participant. Safety
 * still holds (a lost message only makes someone wait: timeouts fire on a failed peer, never on
 * silence). Small, but it is the bound that catches a coordinator committing before every Ack is
 * in: its PreCommit lost, the lone participant stays uncertain, the coordinator commits and
 * crashes before sending DoCommit, and the participant's termination protocol aborts (TR3).
 * Without a lost message every PreCommit arrives before a termination protocol can read the
 * participant's state, so that mutant is safe in the crash-only specs.
 */
import { defineSpec, ids } from '../src/index.ts'
import { threePhaseCommitSkeen } from '../models/three-phase-commit-skeen.ts'

export default defineSpec({
  name: 'three-phase-commit-skeen-drops',
  description: "Skeen's 3PC, 1 participant, 1 crash and 1 dropped message: safe",
  model: threePhaseCommitSkeen,
  params: { participants: 1, crashes: 1, drops: 1 },
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: ['c', ...participants], budget: { crash: p.crashes as number, drop: p.drops as number } }
  },
  // AtomicCommit is left out: with one participant it compares nothing (vacuous).
  check: ['FollowsCoordinator', 'AllCommitted', 'AllAborted', 'TerminationAborts'],
  // Never taken: Deliver Abort: the coordinator aborts only on the participant's No (it has
  // aborted) or on its timeout (it is down, for good), and an Abort to an aborted participant is
  // dropped as it is sent (`ignoresForever`).
  expect: { distinct: 87, total: 120, depth: 13, neverTaken: ['Deliver Abort'], source: 'measured (BFS, this repo); 91 / 128 before the messages a node ignores for good were dropped (ignoresForever)' },
})
