/**
 * BUGGY: the Raft paper's Figure 8 on 3 servers. s1 leads term 1 and appends an entry; s2 leads
 * term 2 and appends one; s1 leads term 3, copies its term-1 entry to s3 and commits it by counting
 * replicas; s2 leads term 4 (its term-2 entry is more up to date), replaces the entry on s1 and
 * commits its own at the same index: State Machine Safety is violated (Leader Completeness first).
 * The message-passing raft.ts reaches this depth (four terms) in seconds only with at most 2 messages
 * in flight: raft-figure8.ts; without that constraint, see bench/consensus.ts.
 */
import { defineSpec, ids } from '../src/index.ts'
import { raftAbstractFigure8 } from '../models/raft-abstract-figure8.ts'

export default defineSpec({
  name: 'raft-abstract-figure8',
  model: raftAbstractFigure8,
  params: { servers: 3, maxTerm: 4, maxLog: 1 },
  config: (p) => ({ servers: ids('s', p.servers as number), maxTerm: p.maxTerm as number, maxLog: p.maxLog as number }),
  check: ['StateMachineSafety', 'LeaderCompleteness', 'EntryCommitted'],
  expect: { violated: { StateMachineSafety: { length: 14 }, LeaderCompleteness: { length: 11 } }, source: 'measured (BFS, this repo)' },
})
