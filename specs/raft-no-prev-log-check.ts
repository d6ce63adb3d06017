/**
 * BUGGY: AppendEntries without the prevLogIndex/prevLogTerm check. s2, leader of term 2
 * behind s1's term-1 entry, appends its own at index 2 and commits it with s1 (and s1's entry at
 * index 1 with it); it then sends that entry to s3, whose log is empty, with commit index 2. s3
 * skips the check, stores the entry at index 1 and commits it: two different entries committed
 * at index 1.
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
