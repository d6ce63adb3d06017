/**
 * Raft with interchangeable servers, explored one state per symmetry orbit
 * (models/raft-symmetry.ts): 3 servers, terms 1..2, every server a candidate in every term (no
 * timing assumption, unlike raft-two-entries.ts's s1/s2), logs of up to 2 entries — the term-1
 * leader may append 2, the term-2 leader 1 — no faults, at most 3 messages in flight (a state
 * constraint, symmetric: it counts messages). The five safety properties hold and the search
 * completes; the witnesses show a second leader, a leader elected after a commit, a follower
 * that learnt of a commit, an entry committed in a later term than its own, and conflicting logs.
 *
 * Bounds: the largest symmetric configuration with 2-entry logs that completes in about 15 CPU
 * seconds on the 2-core machine (measured, shared: appends 2,1 took 15.2 s; unrestricted appends,
 * 433,390 orbits, 17.7 s; appends 1,2, 197,301 orbits, 8.7 s). Without symmetry the same search
 * visits about six times as many states. The whole configuration (no constraint):
 * bench/consensus.ts.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'

export const PARAMS = { servers: 3, maxTerm: 2, maxLog: 2, crashes: 0, drops: 0, duplicates: 0, appends: '2,1' }

export default defineSpec({
  name: 'raft-symmetric',
  description: 'Raft, 3 interchangeable servers, 2 terms, 2-entry logs, symmetry over servers',
  model: raft,
  params: PARAMS,
  config: raftConfig,
  constraint: inFlightAtMost(3),
  symmetry: true,
  check: [...RAFT_SAFETY, 'LeaderElected', 'EntryCommitted', 'SecondLeader', 'LeaderAfterCommit', 'FollowerCommitted', 'CommittedInLaterTerm', 'ConflictingLogs'],
  expect: { distinct: 368271, total: 972446, depth: 40, source: 'measured (BFS with symmetry, this repo)' },
})
