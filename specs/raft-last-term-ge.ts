/**
 * BUGGY: the up-to-date check compares last terms with `>=` where `>` is meant. s1 commits
 * two term-1 entries with s3; s2, holding only the first, wins s1's own vote in term 2 (same
 * last term, shorter log) and lacks the second, committed, entry.
 * Caught at the bounds of raft-two-entries.ts, where the correct model completes with LeaderCompleteness holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftLastTermGe } from '../models/raft-last-term-ge.ts'
import { inFlightAtMost, raftConfig } from './raft.ts'
import { PARAMS } from './raft-two-entries.ts'

export default defineSpec({
  name: 'raft-last-term-ge',
  model: raftLastTermGe,
  params: PARAMS,
  config: raftConfig,
  constraint: inFlightAtMost(3),
  check: ['LeaderCompleteness'],
  expect: { violated: { LeaderCompleteness: { length: 19 } }, source: 'measured (BFS, this repo)' },
})
