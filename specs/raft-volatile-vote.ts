/**
 * BUGGY: votedFor is volatile. s1 wins term 1 with its own vote and s2's, crashes, restarts having
 * forgotten that it voted for itself, and grants s3 its vote in the same term: two leaders in
 * term 1 (Election Safety violated). The checker finds it (shortest counterexample, BFS).
 */
import { defineSpec } from '../src/index.ts'
import { raftVolatileVote } from '../models/raft-volatile-vote.ts'
import { raftConfig } from './raft.ts'

export default defineSpec({
  name: 'raft-volatile-vote',
  model: raftVolatileVote,
  params: { servers: 3, maxTerm: 1, maxLog: 0, crashes: 1, drops: 0, duplicates: 0 },
  config: raftConfig,
  check: ['ElectionSafety', 'LeaderElected'],
  expect: { violated: { ElectionSafety: { length: 9 } }, source: 'measured (BFS, this repo)' },
})
