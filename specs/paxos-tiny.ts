/**
 * Paxos.tla with MCPaxosTiny.cfg's constants (tlaplus/Examples,
 * specifications/PaxosHowToWinATuringAward): 3 acceptors, 2 values, majority quorums, ballots
 * 0..1, no symmetry. That module's Paxos.tla has the same actions as specifications/Paxos/Paxos.tla
 * (its Inv adds two conjuncts, checked here as MaxBalCoversVote and TwoBFrom2A), and the counts
 * equal the published TLC ones: 3,921 distinct / 23,563 generated / depth 17.
 */
import { defineSpec } from '../src/index.ts'
import { paxos } from '../models/paxos.ts'
import { paxosConfig } from './paxos.ts'

export default defineSpec({
  name: 'paxos-tiny',
  description: "Lamport's Paxos.tla, MCPaxosTiny: 3 acceptors, 2 values, ballots 0..1",
  model: paxos,
  params: { acceptors: 3, values: 2, maxBallot: 1 },
  config: paxosConfig,
  expect: {
    distinct: 3921,
    total: 23563,
    depth: 17,
    source: 'TLC on MCPaxosTiny.cfg (tlaplus/Examples specifications/PaxosHowToWinATuringAward manifest)',
  },
})
