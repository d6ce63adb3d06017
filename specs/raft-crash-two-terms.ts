/**
 * Raft over two terms with one crash: a server's log must survive it. 3 servers, terms 1..2, a
 * one-entry log (appended in term 1 only), one crash (with restart) on a bag network; s1 starts
 * the election of term 1, s2 that of term 2 (a timing assumption, as in raft-two-terms), and at
 * most 2 messages in flight (a state constraint, as in raft-figure8-terms): 14,031 states, where
 * the unconstrained run costs 161,426.
 * raft.ts has the crash but one term, and the two-term specs have no crash, so a crash that
 * loses the log (bench/mutants.ts, the `durable` operator) changed counts only: here s1 commits
 * its entry with s3, s3 crashes and restarts empty, and s2 is elected in term 2 with s3's vote,
 * without the committed entry: Leader Completeness is violated.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'

export default defineSpec({
  name: 'raft-crash-two-terms',
  description: 'Raft, 3 servers, 2 terms, one crash: the log is durable',
  model: raft,
  params: { servers: 3, maxTerm: 2, maxLog: 1, crashes: 1, drops: 0, duplicates: 0, byTerm: 's1/s2', appends: '1,0' },
  config: raftConfig,
  constraint: inFlightAtMost(2),
  check: [...RAFT_SAFETY, 'LeaderAfterCommit'],
  expect: { distinct: 9289, total: 21353, depth: 29, source: 'measured (BFS, this repo); 14,031 / 31,942 before the responses a server ignores for good were dropped (ignoresForever)' },
})
