/**
 * Raft elections on four servers with up to two duplicated messages: a candidate must count each
 * voter once. Every other Raft spec has no duplication, so a candidate that tallies an incoming
 * Vote as new (`count + 1`, where it should count the set of voters) passed the suite: without a
 * duplicate no Vote arrives twice. Here s1 wins with s3's vote and its copy, s2 with s4's vote and
 * its copy: two leaders of term 1 (ElectionSafety). At three servers one vote besides the
 * candidate's own is already a majority, so a copy elects no one new: hence four. One term, empty
 * logs, s1 and s2 the only candidates, as specs/raft-four-servers.ts.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { raftConfig } from './raft.ts'

export default defineSpec({
  name: 'raft-four-servers-duplicates',
  description: 'Raft elections, 4 servers, one term, two duplicated messages: each voter counted once',
  model: raft,
  params: { servers: 4, maxTerm: 1, maxLog: 0, crashes: 0, drops: 0, duplicates: 2, candidates: 's1,s2' },
  config: raftConfig,
  check: ['ElectionSafety', 'LeaderElected'],
  // Never taken: ClientRequest, AppendEntries, AdvanceCommit: no log entries (maxLog=0).
  expect: { distinct: 12132, total: 57977, depth: 15, neverTaken: ['ClientRequest', 'AppendEntries', 'AdvanceCommit', 'Deliver AppendEntries', 'Deliver AppendResult'], source: 'measured (BFS, this repo)' },
})
