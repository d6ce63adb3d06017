/**
 * Raft where a leader of a later term overwrites a follower's entries: 3 servers, terms 1..2,
 * s1 starts the election of term 1 and s2 that of term 2 (the others' timers are slower), each
 * leader appends at most one entry, logs of up to two entries, no faults, at most 3 messages in
 * flight (a state constraint: about 4.6x fewer states). The five safety
 * properties hold and the search completes; the witnesses show conflicting logs (a follower's
 * entry that the term-2 leader replaces), an entry committed in a later term than its own (s1's
 * term-1 entry, committed by s2 behind its term-2 entry), and a leader elected after a commit. At
 * these bounds the checker catches raft-no-prev-log-check (State Machine Safety), which one-entry
 * logs cannot show.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'

export const PARAMS = { servers: 3, maxTerm: 2, maxLog: 2, crashes: 0, drops: 0, duplicates: 0, byTerm: 's1/s2', appends: '1,1' }

export default defineSpec({
  name: 'raft-overwrite',
  model: raft,
  params: PARAMS,
  config: raftConfig,
  constraint: inFlightAtMost(3),
  check: [...RAFT_SAFETY, 'LeaderElected', 'EntryCommitted', 'SecondLeader', 'CommittedInLaterTerm', 'LeaderAfterCommit', 'ConflictingLogs', 'FollowerCommitted'],
  expect: { distinct: 29650, total: 80536, depth: 37, source: 'measured (BFS, this repo); 81,893 / 223,438 before the responses a server ignores for good were dropped (ignoresForever)' },
})
