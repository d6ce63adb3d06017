/**
 * Raft elections on four servers: the majority at an even size. `Math.floor(n / 2) + 1` and
 * `Math.ceil(n / 2)` agree on three servers (every other Raft spec), so a quorum of half the
 * servers passed the suite (bench/mutants.ts, the `quorum` operator). Here two of four elect: s1
 * with s3's vote and s2 with s4's lead the same term, and Election Safety is violated. One term,
 * empty logs, no faults, s1 and s2 the only candidates (a timing assumption, as in
 * raft-reordered): the smallest run that shows it.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { raftConfig } from './raft.ts'

export default defineSpec({
  name: 'raft-four-servers',
  description: 'Raft elections, 4 servers, one term: a majority is 3',
  model: raft,
  params: { servers: 4, maxTerm: 1, maxLog: 0, crashes: 0, drops: 0, duplicates: 0, candidates: 's1,s2' },
  config: raftConfig,
  check: ['ElectionSafety', 'LeaderElected'],
  // Never taken: ClientRequest, AppendEntries, AdvanceCommit: no log entries (maxLog=0).
  expect: { distinct: 373, total: 1167, depth: 11, neverTaken: ['ClientRequest', 'AppendEntries', 'AdvanceCommit', 'Deliver AppendEntries', 'Deliver AppendResult'], source: 'measured (BFS, this repo); 379 / 1,173 before the responses a server ignores for good were dropped (ignoresForever)' },
})
