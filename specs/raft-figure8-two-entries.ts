/**
 * Raft at the bounds of raft-figure8-terms.ts (3 servers, one candidate per term s1, s2, s1, s2,
 * no faults, at most 2 messages in flight) with logs of two entries and one entry appended in each
 * of terms 1 to 3: a leader can hold an entry of its own term above an earlier-term one. The five
 * safety properties of the paper and MatchIndexSound hold and the search completes. At these
 * bounds the checker catches raft-commit-last-term (the commit rule reading the leader's last
 * entry's term: Leader Completeness), which one-entry logs cannot show.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'
import { PARAMS as FIGURE8 } from './raft-figure8-terms.ts'

export const PARAMS = { ...FIGURE8, maxLog: 2, appends: '1,1,1,0' }

export default defineSpec({
  name: 'raft-figure8-two-entries',
  model: raft,
  params: PARAMS,
  config: raftConfig,
  constraint: inFlightAtMost(2),
  check: [...RAFT_SAFETY, 'LeaderElected', 'EntryCommitted', 'LeaderAfterCommit', 'ConflictingLogs'],
  expect: { distinct: 115364, total: 207748, depth: 53, source: 'measured (BFS, this repo); 161,432 / 285,031 before the responses a server ignores for good were dropped (ignoresForever)' },
})
