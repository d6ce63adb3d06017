/**
 * Raft with a two-entry log of one term: 3 servers, terms 1..2, s1 starts the election of term 1
 * and s2 that of term 2 (a timing assumption: the others' timers are slower), the term-1 leader
 * appends up to two entries and the term-2 leader none, no faults, at most 3 messages in flight
 * (a state constraint: about 3.7x fewer states). The five safety properties of the paper and MatchIndexSound hold
 * and the search completes; the witnesses show a leader elected after a commit and a follower
 * that learnt of a commit. At these bounds the checker catches raft-last-term-ge (Leader
 * Completeness): a candidate whose last term equals the voter's but whose log is shorter must
 * not win its vote.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'

export const PARAMS = { servers: 3, maxTerm: 2, maxLog: 2, crashes: 0, drops: 0, duplicates: 0, byTerm: 's1/s2', appends: '2,0' }

export default defineSpec({
  name: 'raft-two-entries',
  model: raft,
  params: PARAMS,
  config: raftConfig,
  constraint: inFlightAtMost(3),
  check: [...RAFT_SAFETY, 'LeaderElected', 'EntryCommitted', 'SecondLeader', 'LeaderAfterCommit', 'FollowerCommitted'],
  expect: { distinct: 42893, total: 111275, depth: 37, source: 'measured (BFS, this repo); 101,921 / 260,475 before the responses a server ignores for good were dropped (ignoresForever)' },
})
