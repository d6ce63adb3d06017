/**
 * BUGGY: a candidate counts a vote granted in an earlier term (`<=` where `===` is
 * meant). s1 becomes leader of term 2 with s2's term-1 vote while s2 wins term 2 with s3's.
 * Caught at the bounds of raft-two-terms.ts, where the correct model completes with ElectionSafety holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftStaleVotes } from '../models/raft-stale-votes.ts'
import { raftConfig } from './raft.ts'
import { PARAMS } from './raft-two-terms.ts'

export default defineSpec({
  name: 'raft-stale-votes',
  model: raftStaleVotes,
  params: PARAMS,
  config: raftConfig,
  check: ['ElectionSafety'],
  expect: { violated: { ElectionSafety: { length: 8 } }, source: 'measured (BFS, this repo)' },
})
