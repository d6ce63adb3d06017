/**
 * BUGGY: a leader uses an AppendEntries reply of an earlier term. s1 copies its term-1 entry to
 * s3 in term 3; s2 overwrites s1's log in term 4; s1, leader again in term 5, reads s3's old
 * reply and keeps matchIndex 1 for s3, whose entry 1 is not its own: MatchIndexSound violated.
 * Caught at the bounds of raft-stale-replies-terms.ts, where the correct model completes with
 * MatchIndexSound holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftStaleReplies } from '../models/raft-stale-replies.ts'
import { raftConfig } from './raft.ts'
import { PARAMS, staleReplyRoom } from './raft-stale-replies-terms.ts'

export default defineSpec({
  name: 'raft-stale-replies',
  model: raftStaleReplies,
  params: PARAMS,
  config: raftConfig,
  constraint: staleReplyRoom,
  check: ['MatchIndexSound'],
  expect: { violated: { MatchIndexSound: { length: 34 } }, source: 'measured (BFS, this repo)' },
})
