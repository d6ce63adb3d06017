/**
 * BUGGY: a leader commits an entry of an earlier term by counting replicas (the paper's Figure 8).
 * s1 leads term 1 and appends an entry; s2 leads term 2 and appends one; s1 leads term 3, copies
 * its term-1 entry to s3 and commits it; s2 wins term 4 without it (its term-2 entry is more up
 * to date than the term-1 entry: in the trace s1 itself, the leader that committed it, votes for
 * s2): Leader Completeness violated.
 * Caught at the bounds of raft-figure8-terms.ts, where the correct model completes with
 * LeaderCompleteness holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftFigure8 } from '../models/raft-figure8.ts'
import { inFlightAtMost, raftConfig } from './raft.ts'
import { PARAMS } from './raft-figure8-terms.ts'

export default defineSpec({
  name: 'raft-figure8',
  model: raftFigure8,
  params: PARAMS,
  config: raftConfig,
  constraint: inFlightAtMost(2),
  check: ['LeaderCompleteness'],
  expect: { violated: { LeaderCompleteness: { length: 25 } }, source: 'measured (BFS, this repo)' },
})
