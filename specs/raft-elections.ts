/**
 * Raft elections over two terms (3 servers, empty logs, no faults): candidates of both terms race,
 * leaders of term 1 keep acting while term 2 elects. Election Safety holds and a second term's
 * leader is reached. The log properties are not checked: with empty logs they would hold
 * vacuously (the checker reports them so); raft.ts and the two-term specs check them.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { raftConfig } from './raft.ts'

export default defineSpec({
  name: 'raft-elections',
  description: 'Raft elections over two terms, 3 servers',
  model: raft,
  params: { servers: 3, maxTerm: 2, maxLog: 0, crashes: 0, drops: 0, duplicates: 0 },
  config: raftConfig,
  check: ['ElectionSafety', 'LeaderElected', 'SecondLeader'],
  // Never taken: ClientRequest, AppendEntries, AdvanceCommit: no log entries (maxLog=0).
  expect: { distinct: 15972, total: 83260, depth: 17, neverTaken: ['ClientRequest', 'AppendEntries', 'AdvanceCommit', 'Deliver AppendEntries', 'Deliver AppendResult'], source: "measured (BFS, this repo); was 27,093 / 134,818 before a leader's votesGranted was cleared (dead once elected); 26,613 / 133,630 before the responses a server ignores for good were dropped (ignoresForever)" },
})
