/**
 * BUGGY: votes granted without the up-to-date-log check. s1 commits its term-1 entry with
 * s3; s2, whose log is empty, wins term 2 with s3's vote: a leader of a later term lacks a
 * committed entry.
 * Caught at the bounds of raft-two-terms.ts, where the correct model completes with LeaderCompleteness holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftVoteAnyLog } from '../models/raft-vote-any-log.ts'
import { raftConfig } from './raft.ts'
import { PARAMS } from './raft-two-terms.ts'

export default defineSpec({
  name: 'raft-vote-any-log',
  model: raftVoteAnyLog,
  params: PARAMS,
  config: raftConfig,
  check: ['LeaderCompleteness'],
  expect: { violated: { LeaderCompleteness: { length: 12 } }, source: 'measured (BFS, this repo)' },
})
