/**
 * Raft over four terms, the bounds of the paper's Figure 8 on 3 servers: one candidate per term
 * (s1, s2, s1, s2: a timing assumption), one entry appended in each of terms 1 and 2, logs of one
 * entry, no faults, at most 2 messages in flight (a state constraint: without it the space is
 * millions of states, bench/consensus.ts). The five safety properties of the paper and MatchIndexSound hold and the search
 * completes; the witnesses show conflicting logs, a leader elected after a commit and a follower
 * that learnt of a commit. At these bounds the checker catches raft-figure8 (Leader Completeness:
 * s1, leader of term 3, commits its term-1 entry by counting replicas and s2 wins term 4 without
 * it), which no two-term bound can show (models/raft-figure8.ts says why four terms).
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'

export const PARAMS = { servers: 3, maxTerm: 4, maxLog: 1, crashes: 0, drops: 0, duplicates: 0, byTerm: 's1/s2/s1/s2', appends: '1,1,0,0' }

export default defineSpec({
  name: 'raft-figure8-terms',
  model: raft,
  params: PARAMS,
  config: raftConfig,
  constraint: inFlightAtMost(2),
  check: [...RAFT_SAFETY, 'LeaderElected', 'EntryCommitted', 'SecondLeader', 'LeaderAfterCommit', 'ConflictingLogs', 'FollowerCommitted'],
  expect: { distinct: 12536, total: 21447, depth: 39, source: 'measured (BFS, this repo); 18,765 / 31,384 before the responses a server ignores for good were dropped (ignoresForever)' },
})
