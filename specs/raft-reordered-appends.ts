/**
 * Raft on a `set` network (every message sent stays deliverable: an old AppendEntries can reach a
 * follower after a later one), with entries of two terms: 3 servers, s1 starts the election of
 * term 1 and s2 that of term 2 (`byTerm`), each leader appends one entry, logs of two entries, no
 * crashes, at most 13 messages sent in all (a state constraint: 31,562 states at 12, 145,121 at
 * 14). The safety properties hold and the search completes.
 *
 * raft-reordered re-delivers an AppendEntries whose entry matches and is the follower's last;
 * here s2, leader of term 2, sends s3 its term-1 entry and then its own, and the first request
 * arrives again. A follower that compares the entry *after* the new one (`log[index]` for
 * `log[index - 1]`, bench/mutants.ts on models/raft.ts's truncation line) truncates at the match
 * and drops the term-2 entry that s2 already counts as matched: MatchIndexSound is violated.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'

export default defineSpec({
  name: 'raft-reordered-appends',
  model: raft,
  params: { servers: 3, maxTerm: 2, maxLog: 2, crashes: 0, drops: 0, duplicates: 0, byTerm: 's1/s2', appends: '1,1', semantics: 'set' },
  config: raftConfig,
  constraint: inFlightAtMost(13),
  check: [...RAFT_SAFETY, 'LeaderElected', 'EntryCommitted', 'SecondLeader', 'LeaderAfterCommit', 'ConflictingLogs', 'FollowerCommitted', 'CommittedInLaterTerm'],
  expect: { distinct: 69796, total: 182018, depth: 24, source: 'measured (BFS, this repo)' },
})
