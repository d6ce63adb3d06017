/**
 * Raft on a `set` network, where every message sent stays deliverable (reordering and
 * duplication without budget): 3 servers, terms 1..2, s1 and s2 may start elections (s3's timer
 * is slower: the `candidates` timing assumption), the term-1 leader appends up to two entries and the term-2 leader none, no
 * crashes, at most 10 messages sent in all (a state constraint; 16,387 states with s1 and s2
 * fixed to terms 1 and 2, 35,957 as here). The five safety properties of the paper and MatchIndexSound hold and the search
 * completes. Only here can an old AppendEntries reach a follower after a later
 * one (on a bag network one exchange per link is in flight at a time), which is what Figure 2's
 * "if an existing entry conflicts with a new one" is for: a follower that truncates its log at an
 * entry that matches (s2 drops s1's committed second entry when the first arrives again) lets s2
 * win term 2 without it, and Leader Completeness is violated (bench/mutants.ts: models/raft.ts's
 * truncation line).
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'

export default defineSpec({
  name: 'raft-reordered',
  model: raft,
  params: { servers: 3, maxTerm: 2, maxLog: 2, crashes: 0, drops: 0, duplicates: 0, candidates: 's1,s2', appends: '2,0', semantics: 'set' },
  config: raftConfig,
  constraint: inFlightAtMost(10),
  check: [...RAFT_SAFETY, 'LeaderElected', 'EntryCommitted', 'SecondLeader', 'LeaderAfterCommit', 'FollowerCommitted'],
  expect: { distinct: 35957, total: 70255, depth: 23, source: 'measured (BFS, this repo)' },
})
