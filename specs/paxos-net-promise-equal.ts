/**
 * BUGGY: the acceptor promises a Prepare(n) with n >= minProposal instead of n > minProposal. An
 * acceptor that promised 1 and accepted (1, v1) answers the same Prepare(1) again, now reporting
 * (1, v1): two different Promises for one id, against the seed's first promise — PromiseOnce is
 * violated, 8 states. Agreement cannot break from this rule alone (ids are unique per proposer
 * and attempt; the argument is in models/paxos-net-promise-equal.ts). Measured on these
 * parameters: the search with every other invariant completes, 2,031,177 states, Agreement, P2,
 * Validity and PromiseCoversAccepted hold (the extra Promises are never read, but they are states).
 */
import { defineSpec } from '../src/index.ts'
import { paxosNetPromiseEqual } from '../models/paxos-net-promise-equal.ts'
import { paxosNetConfig } from './paxos-net.ts'

export default defineSpec({
  name: 'paxos-net-promise-equal',
  model: paxosNetPromiseEqual,
  params: { proposers: 2, acceptors: 3, attempts: '2,1', crashes: 0, drops: 0, duplicates: 0, semantics: 'set', learn: false },
  config: paxosNetConfig,
  check: ['PromiseOnce', 'ValueChosen'],
  expect: { violated: { PromiseOnce: { length: 8 } }, source: 'measured (BFS, this repo)' },
})
