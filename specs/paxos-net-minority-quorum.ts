/**
 * BUGGY: phase 2 goes ahead with ⌊n/2⌋ acceptors (1 of 3), a quorum that need not intersect another.
 * p1 learns v1 from a2 alone while p2 learns v2 from a1 alone.
 * The checker finds the Agreement violation (shortest counterexample, BFS).
 */
import { defineSpec } from '../src/index.ts'
import { paxosNetMinorityQuorum } from '../models/paxos-net-minority-quorum.ts'
import { paxosNetConfig } from './paxos-net.ts'

export default defineSpec({
  name: 'paxos-net-minority-quorum',
  model: paxosNetMinorityQuorum,
  params: { proposers: 2, acceptors: 3, attempts: 1, crashes: 0, drops: 0, duplicates: 0, semantics: 'set' },
  config: paxosNetConfig,
  check: ['Agreement', 'ValueChosen'],
  expect: { violated: { Agreement: { length: 11 } }, source: 'measured (BFS, this repo)' },
})
