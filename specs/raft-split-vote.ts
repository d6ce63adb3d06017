/**
 * Liveness story 6 (issue #6), Raft without a timing assumption: three servers, each server's timer and
 * each vote request weakly fair. "Eventually a leader is elected" fails: a lasso in which the servers keep
 * starting elections, each votes for itself, every request is refused (its receiver has moved to a
 * higher term) — split votes forever. `raft-split-vote-timing.ts` adds the timing assumption that makes it hold.
 */
import { defineSpec, ids, weakFair } from '../src/index.ts'
import type { Fairness } from '../src/index.ts'
import { raftSplitVote } from '../models/raft-split-vote.ts'
import type { Action } from '../models/raft-split-vote.ts'

const SERVERS = 3

/** Timers fire (weakly fair per server) and every vote request is eventually answered (weakly
 * fair per candidate–server pair). */
export function electionFairness(servers: readonly string[]): Fairness[] {
  const out: Fairness[] = []
  for (const i of servers) out.push(weakFair((a) => a.name === 'Timeout' && (a as Action).node === i, `Timeout(${i})`))
  for (const i of servers) {
    for (const j of servers) {
      if (i !== j) out.push(weakFair((a) => a.name === 'RequestVote' && (a as Action).node === i && (a as Action & { name: 'RequestVote' }).to === j, `RequestVote(${i}→${j})`))
    }
  }
  return out
}

export default defineSpec({
  name: 'raft-split-vote',
  description: 'Raft election, no timing assumption: split votes forever (lasso)',
  model: raftSplitVote,
  params: { servers: SERVERS },
  config: (p) => ({ servers: ids('s', p.servers as number) }),
  fairness: (c) => electionFairness(c.servers),
  expect: { distinct: 1286, total: 5875, depth: 12, violated: { EventuallyLeader: { length: 8 } }, source: 'measured (BFS over view classes, this repo)' },
})
