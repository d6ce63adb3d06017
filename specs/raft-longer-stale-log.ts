/**
 * Raft's up-to-date rule (§5.4.1) where the longer log is the older one: s1 leads term 1 and
 * appends two entries, s2 leads term 2 and commits one entry of term 2 with s3, and s1 stands
 * again in term 3 with its longer log of term-1 entries. A vote compares last terms first: s3
 * (last term 2) refuses s1, whose log is longer but ends in term 1. A vote that compared lengths
 * (`lastLogIndex` where `lastLogTerm` belongs) elects s1, which lacks the committed term-2 entry:
 * Leader Completeness is violated in 20 states (and CommitIndexRecorded in 28). The figure-8 bounds
 * of raft-figure8-terms with three terms and two-entry logs, at most 2 messages in flight.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'

export default defineSpec({
  name: 'raft-longer-stale-log',
  description: 'Raft, 3 terms, 2-entry logs: a longer log of an older term does not win a vote',
  model: raft,
  params: { servers: 3, maxTerm: 3, maxLog: 2, crashes: 0, drops: 0, duplicates: 0, byTerm: 's1/s2/s1', appends: '2,1,0' },
  config: raftConfig,
  constraint: inFlightAtMost(2),
  check: [...RAFT_SAFETY, 'LeaderElected', 'EntryCommitted', 'SecondLeader', 'LeaderAfterCommit', 'ConflictingLogs', 'FollowerCommitted'],
  expect: { distinct: 68590, total: 124259, depth: 48, source: 'measured (BFS, this repo); 95,797 / 170,373 before the responses a server ignores for good were dropped (ignoresForever)' },
})
