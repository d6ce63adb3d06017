/**
 * The buggy variant models/paxos-free-2a.ts (Phase2a ignores the votes its 1b messages report)
 * with 2 acceptors (a quorum is both), 2 values, ballots 0..1: value v1 is chosen in ballot 0 and
 * v2 in ballot 1. The Voting refinement's TwoASafe and VotesSafe are violated, and so is
 * Agreement (167 states; 3 acceptors, MCPaxosTiny's, cost 3,351 for the same counterexamples);
 * the correct model holds all three (specs/paxos-tiny.ts has it at 3 acceptors).
 */
import { defineSpec, ids } from '../src/index.ts'
import { majorityQuorums } from '../models/paxos-quorums.ts'
import { paxosFree2a } from '../models/paxos-free-2a.ts'

export default defineSpec({
  name: 'paxos-free-2a',
  description: 'Paxos.tla with a Phase2a that ignores reported votes: 2 acceptors, 2 values, ballots 0..1',
  model: paxosFree2a,
  params: { acceptors: 2, values: 2, maxBallot: 1 },
  check: ['TwoASafe', 'VotesSafe', 'Agreement'],
  config: (p) => {
    const acceptors = ids('a', p.acceptors as number)
    return { acceptors, values: ids('v', p.values as number), quorums: majorityQuorums(acceptors), maxBallot: p.maxBallot as number }
  },
  expect: { violated: { TwoASafe: { length: 10 }, VotesSafe: { length: 11 }, Agreement: { length: 13 } }, source: 'measured (BFS, this repo)' },
})
