/**
 * Paxos.tla with two acceptors and two values (ballots 0..1): the smallest even count of
 * acceptors. A quorum is both of them; a quorum size written `Math.ceil(n / 2)` agrees with the
 * majority on the odd counts every other Paxos.tla spec uses, and here makes each acceptor a
 * quorum alone, so two ballots choose different values: Agreement is violated (in 9 states).
 */
import { defineSpec } from '../src/index.ts'
import { paxos } from '../models/paxos.ts'
import { paxosConfig } from './paxos.ts'

export default defineSpec({
  name: 'paxos-two-acceptors',
  description: "Lamport's Paxos.tla, 2 acceptors, 2 values, ballots 0..1: a quorum is both",
  model: paxos,
  params: { acceptors: 2, values: 2, maxBallot: 1 },
  config: paxosConfig,
  expect: { distinct: 145, total: 611, depth: 13, source: 'measured (BFS, this repo)' },
})
