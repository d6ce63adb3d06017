/**
 * BUGGY: the commit rule reads the leader's last entry's term, not the committed entry's
 * (models/raft-commit-last-term.ts). s1 leads term 3 with its term-1 entry and a term-3 entry
 * above it; a majority holds the term-1 entry, so s1 commits it by counting replicas, and a later
 * leader without it overwrites it: Leader Completeness violated. Caught at the bounds of
 * raft-figure8-two-entries.ts, where the correct model completes with it holding.
 */
import { defineSpec } from '../src/index.ts'
import { raftCommitLastTerm } from '../models/raft-commit-last-term.ts'
import { inFlightAtMost, raftConfig } from './raft.ts'
import { PARAMS } from './raft-figure8-two-entries.ts'

export default defineSpec({
  name: 'raft-commit-last-term',
  model: raftCommitLastTerm,
  params: PARAMS,
  config: raftConfig,
  constraint: inFlightAtMost(2),
  check: ['LeaderCompleteness'],
  expect: { violated: { LeaderCompleteness: { length: 26 } }, source: 'measured (BFS, this repo)' },
})
