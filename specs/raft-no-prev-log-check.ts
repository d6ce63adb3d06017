/**
 * BUGGY: AppendEntries without the prevLogIndex/prevLogTerm check. s1 commits its term-1
 * entry with s2 and tells s2; s2, leader of term 2, appends its own entry at index 2 and sends it
 * to s3, whose log is empty, with prevLogIndex 1 and commit index 1. s3 skips the check, stores
 * the entry at index 1 and commits it: two different entries committed at index 1.
 * Caught at the bounds of raft-overwrite.ts, where the correct model completes with StateMachineSafety holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftNoPrevLogCheck } from '../models/raft-no-prev-log-check.ts'
import { inFlightAtMost, raftConfig } from './raft.ts'
import { PARAMS } from './raft-overwrite.ts'

export default defineSpec({
  name: 'raft-no-prev-log-check',
  model: raftNoPrevLogCheck,
  params: PARAMS,
  config: raftConfig,
  constraint: inFlightAtMost(3),
  check: ['StateMachineSafety'],
  expect: { violated: { StateMachineSafety: { length: 18 } }, source: 'measured (BFS, this repo)' },
})
