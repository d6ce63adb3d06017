/**
 * The duel of `paxos-net-livelock.ts` at three acceptors, safety only: two proposers, p1 with its
 * retry timer and p2 with one attempt, over a bag network, at most 5 messages in flight. At two
 * acceptors a quorum is both, so several one-line bugs in the proposer are harmless there; at
 * three two quorums share one acceptor, and these bounds catch five of them (Agreement violated
 * in 17 to 30 states): keeping the last or the lowest reported value instead of the highest (these
 * need p1's retry: a third round that reads two earlier ones), forgetting a value reported before
 * the majority, starting phase 2 on one Promise, learning on one Accepted.
 */
import { defineSpec, ids } from '../src/index.ts'
import { inFlightAtMost } from '../src/net/index.ts'
import { paxosNetDuelling } from '../models/paxos-net-duelling.ts'
import type { Config } from '../models/paxos-net-duelling.ts'

export default defineSpec({
  name: 'paxos-net-duelling-three-acceptors',
  description: 'Basic Paxos over a network, three acceptors, p1 retrying and p2 with one attempt: agreement',
  model: paxosNetDuelling,
  params: { acceptors: 3 },
  config: (p): Config => {
    const proposers = ids('p', 2)
    return { proposers, acceptors: ids('a', p.acceptors as number), proposing: proposers, retrying: ['p1'], values: { p1: 'v1', p2: 'v2' } }
  },
  constraint: inFlightAtMost(5),
  check: ['Agreement'],
  expect: { distinct: 61361, total: 213975, depth: 35, source: 'measured (BFS, this repo)' },
})
