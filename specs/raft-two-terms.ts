/**
 * Raft over two terms with one-entry logs, the bounds that catch four of the textbook bugs
 * (issue #14 part 4): 3 servers, terms 1..2, logs of 1 entry, no faults; s1 alone may start the
 * election of term 1, s1 or s2 that of term 2 (a timing assumption: s3's timer and s2's in term 1
 * are slower; with every server a candidate the space is over ten times larger). The five safety
 * properties hold and the search completes; the witnesses show an election in each term, a commit
 * learnt by a follower, conflicting logs, and a leader elected after an entry was committed
 * (Leader Completeness' premise). At these bounds the checker catches raft-keep-conflict (State
 * Machine Safety), raft-commit-minority, raft-vote-any-log (Leader Completeness) and
 * raft-stale-votes (Election Safety: s1 is a candidate in both terms). Not here: an entry
 * committed in a later term than its own (a term-2 leader cannot append behind a term-1 entry with
 * one-entry logs; see raft-overwrite.ts), crashes (raft.ts), Figure 8 (needs four terms;
 * raft-figure8-terms.ts, raft-abstract-figure8.ts).
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, raftConfig } from './raft.ts'

export const PARAMS = { servers: 3, maxTerm: 2, maxLog: 1, crashes: 0, drops: 0, duplicates: 0, byTerm: 's1/s1,s2' }

export default defineSpec({
  name: 'raft-two-terms',
  model: raft,
  params: PARAMS,
  config: raftConfig,
  check: [...RAFT_SAFETY, 'LeaderElected', 'EntryCommitted', 'SecondLeader', 'LeaderAfterCommit', 'ConflictingLogs', 'FollowerCommitted'],
  expect: { distinct: 13810, total: 53765, depth: 26, source: 'measured (BFS, this repo); 57,554 / 249,631 before the responses a server ignores for good were dropped (ignoresForever)' },
})
