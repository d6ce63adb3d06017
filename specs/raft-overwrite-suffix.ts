/**
 * Raft's overwrite bounds (specs/raft-overwrite.ts) with the term-1 leader appending two entries,
 * so that the term-2 leader overwrites the first entry of a follower's two-entry log. A follower
 * that replaced the conflicting entry in place and kept the one after it (Raft's Figure 2 deletes
 * the conflicting entry and all that follow) ended with [2, 1]: terms going down along a log,
 * which none of the safety properties saw at these bounds and which the suite passed (a helper's
 * hand-written mutant). LogTermsMonotone reads it; the safety properties hold and the search
 * completes.
 */
import { defineSpec } from '../src/index.ts'
import { raft } from '../models/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from './raft.ts'
import { PARAMS } from './raft-overwrite.ts'

export default defineSpec({
  name: 'raft-overwrite-suffix',
  model: raft,
  params: { ...PARAMS, appends: '2,1' },
  config: raftConfig,
  constraint: inFlightAtMost(3),
  check: [...RAFT_SAFETY, 'LogTermsMonotone', 'ConflictingLogs'],
  expect: { distinct: 93852, total: 253775, depth: 37, source: 'measured (BFS, this repo); 225,808 / 605,338 before the responses a server ignores for good were dropped (ignoresForever)' },
})
