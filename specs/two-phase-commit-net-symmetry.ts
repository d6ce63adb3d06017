/**
 * Message-passing 2PC with 3 participants and no crash, one state per symmetry orbit:
 * participants are interchangeable, and the actor harness derives the canonical relabelling from
 * the state schema (`symmetricNodes` in models/two-phase-commit-net.ts). The full search of the
 * same instance (`--no-symmetry`) has 10,781 states and the same verdicts, and its states fall
 * into exactly 2,063 orbits (test/net/actor-symmetry.test.ts counts them another way). With one
 * crash (`--param crashes=1`): 37,736 orbits of 210,581 states, 14.5 s on a busy machine — too
 * slow for the suite, hence no crash here.
 */
import { defineSpec, ids } from '../src/index.ts'
import { twoPhaseCommitNet } from '../models/two-phase-commit-net.ts'

export default defineSpec({
  name: 'two-phase-commit-net-symmetry',
  model: twoPhaseCommitNet,
  params: { participants: 3, crashes: 0 },
  check: ['AtomicCommit', 'CommitNeedsAllYes', 'FollowsCoordinator', 'AllCommitted', 'AllAborted', 'PartiallyCommitted', 'RefusedBeforeDecision'],
  config: (p) => {
    const participants = ids('p', p.participants as number)
    return { coordinator: 'c', participants, crashable: ['c', ...participants], budget: { crash: p.crashes as number } }
  },
  symmetry: true,
  // Never taken: Recover: no crash.
  expect: { distinct: 2063, total: 7854, depth: 17, neverTaken: ['Recover'], source: 'measured (BFS, this repo); 2,063 = the orbits of the 10,781 states of the full search' },
})
