/**
 * Paxos.tla with 3 acceptors, 2 values, majority quorums and ballots 0..2, one state per symmetry
 * orbit (acceptors and values are symmetry sets, as MCPaxos.tla's MCSymmetry declares). Without
 * symmetry this instance has 185,369 distinct states / 1,361,380 generated / depth 25 (measured
 * here; see bench/consensus.ts); with it, 17,153 orbits (equal to the classes of all 185,369 states over all 12 permutations, counted by brute force). No published counts for these constants.
 */
import { defineSpec } from '../src/index.ts'
import { paxos } from '../models/paxos.ts'
import { paxosConfig } from './paxos.ts'

export default defineSpec({
  name: 'paxos-ballots2',
  description: "Lamport's Paxos.tla: 3 acceptors, 2 values, ballots 0..2, symmetry over acceptors and values",
  model: paxos,
  params: { acceptors: 3, values: 2, maxBallot: 2 },
  config: paxosConfig,
  symmetry: true,
  expect: { distinct: 17153, total: 127002, depth: 25, source: 'measured (symmetry orbits; no published count for ballots 0..2)' },
})
