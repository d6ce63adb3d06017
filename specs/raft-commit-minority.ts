/**
 * BUGGY: the commit quorum is off by one. s1, leader of term 1, commits its entry alone;
 * s2 wins term 2 with s3's vote and lacks it.
 * Caught at the bounds of raft-two-terms.ts, where the correct model completes with LeaderCompleteness holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftCommitMinority } from '../models/raft-commit-minority.ts'
import { raftConfig } from './raft.ts'
import { PARAMS } from './raft-two-terms.ts'

export default defineSpec({
  name: 'raft-commit-minority',
  model: raftCommitMinority,
  params: PARAMS,
  config: raftConfig,
  check: ['LeaderCompleteness'],
  expect: { violated: { LeaderCompleteness: { length: 9 } }, source: 'measured (BFS, this repo)' },
})
