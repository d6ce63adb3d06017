/**
 * Raft over five terms, the bounds that show a leader using an AppendEntries reply of an earlier
 * term (models/raft-stale-replies.ts says why five): 3 servers, one candidate per term (s1, s2,
 * s1, s2, s1: a timing assumption), one entry appended in each of terms 1 and 2, logs of one
 * entry, no faults, and a state constraint: at most 3 messages in flight, at most 2 of them other
 * than AppendResult (the old reply waits in flight across two elections, each of which sends two
 * requests; with at most 3 of any kind the space is 607,312 states). The safety properties and
 * MatchIndexSound hold and the search completes; the witnesses show conflicting logs and a leader
 * elected a second time. The buggy variant (specs/raft-stale-replies.ts) violates MatchIndexSound
 * at these bounds.
 */
import { defineSpec } from '../src/index.ts'
import type { Config, State } from '../models/raft.ts'
import { raft } from '../models/raft.ts'
import { messages } from '../src/net/index.ts'
import { RAFT_SAFETY, raftConfig } from './raft.ts'

export const PARAMS = { servers: 3, maxTerm: 5, maxLog: 1, crashes: 0, drops: 0, duplicates: 0, byTerm: 's1/s2/s1/s2/s1', appends: '1,1,0,0,0' }

/** At most 3 messages in flight, at most 2 of them other than AppendResult. */
export const staleReplyRoom = (_c: Config, s: State): boolean => {
  const ms = messages(s.net)
  if (ms.length > 3) return false
  let others = 0
  for (const m of ms) if (m.type !== 'AppendResult') others++
  return others <= 2
}

export default defineSpec({
  name: 'raft-stale-replies-terms',
  model: raft,
  params: PARAMS,
  config: raftConfig,
  constraint: staleReplyRoom,
  check: [...RAFT_SAFETY, 'ConflictingLogs', 'SecondLeader'],
  expect: { distinct: 31364, total: 67376, depth: 44, source: 'measured (BFS, this repo); 136,355 / 296,822 before the responses a server ignores for good were dropped (ignoresForever)' },
})
