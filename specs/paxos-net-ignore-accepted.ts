/**
 * BUGGY: the proposer proposes its own value even when a promise reported an accepted one.
 * p2's promise from a2 reports (1, v1), already chosen; p2 proposes v2 anyway and v2 is chosen too.
 * The checker finds the Agreement violation (shortest counterexample, BFS).
 */
import { defineSpec } from '../src/index.ts'
import { paxosNetIgnoreAccepted } from '../models/paxos-net-ignore-accepted.ts'
import { paxosNetConfig } from './paxos-net.ts'

export default defineSpec({
  name: 'paxos-net-ignore-accepted',
  model: paxosNetIgnoreAccepted,
  params: { proposers: 2, acceptors: 3, attempts: 1, crashes: 0, drops: 0, duplicates: 0, semantics: 'set' },
  config: paxosNetConfig,
  check: ['Agreement', 'ValueChosen'],
  expect: { violated: { Agreement: { length: 15 } }, source: 'measured (BFS, this repo)' },
})
