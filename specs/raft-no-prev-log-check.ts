/**
 * BUGGY: AppendEntries without the prevLogIndex/prevLogTerm check. s2, leader of term 2
 * behind s1's term-1 entry, sends its entry at index 2 to s3, whose log is empty; s3 stores it at
 * index 1 and reports a match up to 2; s2 commits index 2 (and with it s1's entry at index 1),
 * and s3 commits its term-2 entry at index 1.
 * Caught at the bounds of raft-overwrite.ts, where the correct model completes with StateMachineSafety holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftNoPrevLogCheck } from '../models/raft-no-prev-log-check.ts'
import { raftConfig } from './raft.ts'
import { PARAMS } from './raft-overwrite.ts'

export default defineSpec({
  name: 'raft-no-prev-log-check',
  model: raftNoPrevLogCheck,
  params: PARAMS,
  config: raftConfig,
  check: ['StateMachineSafety'],
  expect: { violated: { StateMachineSafety: { length: 17 } }, source: 'measured (BFS, this repo)' },
})
