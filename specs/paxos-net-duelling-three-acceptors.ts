/**
 * The duel of `paxos-net-livelock.ts` at three acceptors, safety only: two proposers, each making
 * one attempt (no retry timer), over a bag network, at most 5 messages in flight. At two acceptors
 * a quorum is both, so several one-line bugs in the proposer are harmless there; at three two
 * quorums share one acceptor, and these bounds catch three of them (Agreement violated in 17 to 20
 * states): forgetting a value reported before the majority, starting phase 2 on one Promise,
 * learning on one Accepted. Keeping the last or the lowest reported value instead of the highest
 * needs a third round, so a retry (2.5 M states at three acceptors; the model's comments say so).
 */
import { defineSpec, ids } from '../src/index.ts'
import { messages } from '../src/net/index.ts'
import { paxosNetDuelling } from '../models/paxos-net-duelling.ts'
import type { Config, State } from '../models/paxos-net-duelling.ts'

/** At most `n` messages in flight (a state with more is checked, not expanded). */
const inFlightAtMost =
  (n: number) =>
  (_c: Config, s: State): boolean =>
    messages(s.net).length <= n

export default defineSpec({
  name: 'paxos-net-duelling-three-acceptors',
  description: 'Basic Paxos over a network, two proposers with one attempt each, three acceptors: agreement',
  model: paxosNetDuelling,
  params: { acceptors: 3 },
  config: (p): Config => {
    const proposers = ids('p', 2)
    return { proposers, acceptors: ids('a', p.acceptors as number), proposing: proposers, retrying: [], values: { p1: 'v1', p2: 'v2' } }
  },
  constraint: inFlightAtMost(5),
  check: ['Agreement'],
  expect: { distinct: 19790, total: 67508, depth: 25, source: 'measured (BFS, this repo); 111,670 states without the in-flight bound' },
})
