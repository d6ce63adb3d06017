/**
 * BUGGY: a follower keeps an entry that conflicts with the leader's (no truncation) and
 * reports success. s1 leads term 1 and appends an entry; s2 leads term 2 (s3's vote) and appends
 * its own; s1 keeps its term-1 entry, s2 counts it as a replica and commits, and s1, told the
 * commit index, commits its own entry at index 1.
 * Caught at the bounds of raft-two-terms.ts, where the correct model completes with StateMachineSafety holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftKeepConflict } from '../models/raft-keep-conflict.ts'
import { raftConfig } from './raft.ts'
import { PARAMS } from './raft-two-terms.ts'

export default defineSpec({
  name: 'raft-keep-conflict',
  model: raftKeepConflict,
  params: PARAMS,
  config: raftConfig,
  check: ['StateMachineSafety'],
  expect: { violated: { StateMachineSafety: { length: 15 } }, source: 'measured (BFS, this repo)' },
})
