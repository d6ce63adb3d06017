/**
 * Raft without messages at the bounds of the paper's Figure 8 (raft-abstract-figure8.ts): 3
 * servers, terms up to 4, logs of one entry. The safety properties hold (State Machine Safety is
 * left out: with one-entry logs the correct model commits one entry per index, so it would hold
 * vacuously) and an entry is committed. At these bounds the checker catches a leader that commits
 * an entry of an earlier term by counting replicas (Leader Completeness), which raft-abstract.ts's
 * three terms cannot show.
 */
import { defineSpec, ids } from '../src/index.ts'
import { raftAbstract } from '../models/raft-abstract.ts'

export default defineSpec({
  name: 'raft-abstract-four-terms',
  model: raftAbstract,
  params: { servers: 3, maxTerm: 4, maxLog: 1 },
  config: (p) => ({ servers: ids('s', p.servers as number), maxTerm: p.maxTerm as number, maxLog: p.maxLog as number }),
  check: ['ElectionSafety', 'LogMatching', 'LeaderCompleteness', 'LeaderAppendOnly', 'TermCoversLog', 'EntryCommitted'],
  expect: { distinct: 14479, total: 48013, depth: 12, source: 'measured (BFS, this repo)' },
})
