/**
 * Raft elections on four servers over two terms: a candidate that times out starts its new term
 * with its own vote alone. On three servers (every other Raft spec but raft-four-servers, which
 * has one term) a candidate holding one vote besides its own has already won, so a candidate that
 * carried its earlier term's votes into the next one passed the suite. Here s1 holds s3's vote
 * and s2 holds s4's in term 1, both time out, and with the votes kept s1 wins term 2 with s4's
 * and s2 with s3's: two leaders of one term. Empty logs, no faults, s1 and s2 the only
 * candidates, and at most five messages in flight (the same catch in 111,163 states without
 * the bound; at four in flight it is out of reach).
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { inFlightAtMost, raftConfig } from './raft.ts'

export default defineSpec({
  name: 'raft-four-servers-two-terms',
  description: 'Raft elections, 4 servers, two terms: a new term starts with the candidate\'s own vote',
  model: raft,
  params: { servers: 4, maxTerm: 2, maxLog: 0, crashes: 0, drops: 0, duplicates: 0, candidates: 's1,s2' },
  config: raftConfig,
  constraint: inFlightAtMost(5),
  check: ['ElectionSafety', 'LeaderElected', 'SecondLeader'],
  // Never taken: ClientRequest, AppendEntries, AdvanceCommit: no log entries (maxLog=0).
  expect: { distinct: 4502, total: 15297, depth: 18, neverTaken: ['ClientRequest', 'AppendEntries', 'AdvanceCommit', 'Deliver AppendEntries', 'Deliver AppendResult'], source: 'measured (BFS, this repo); 7,816 / 24,769 before the responses a server ignores for good were dropped (ignoresForever)' },
})
