/**
 * Message-passing 2PC with 3 participants and no crash, one state per symmetry orbit:
 * participants are interchangeable, and the actor harness derives the canonical relabelling from
 * the state schema (`symmetricNodes` in models/two-phase-commit-net.ts). The full search of the
 * same instance (`--no-symmetry`) has 2,330 states and the same verdicts, and its states fall
 * into exactly 494 orbits (test/net/actor-symmetry.test.ts counts them another way). With one
 * crash (`--param crashes=1`): 5,465 orbits of 28,060 states. (Before the messages a node ignores
 * for good were dropped, `ignoresForever`: 2,063 orbits of 10,781 states, and with one crash
 * 37,736 of 210,581, 14.5 s on a busy machine — too slow for the suite, hence no crash here.)
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
  expect: { distinct: 494, total: 1596, depth: 15, neverTaken: ['Recover'], source: 'measured (BFS, this repo); 494 = the orbits of the 2,330 states of the full search; 2,063 / 7,854 (orbits of 10,781 states) before the messages a node ignores for good were dropped (ignoresForever)' },
})
