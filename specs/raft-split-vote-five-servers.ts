/**
 * The election model of `raft-split-vote.ts` with five servers, only s1 and s2 standing (the
 * constraint of raft-split-vote-four-servers.ts), terms up to 2: the smallest size at which a
 * vote counted in an earlier term can elect a second leader. A candidate that adopts a higher
 * term from an answer but stays a candidate, keeping its old term's votes, leads the new term
 * with a vote cast in the old one, while that voter votes for the other candidate in the new
 * term: at five servers both reach three votes (ElectionSafety violated in 8 states: s1 counts
 * s2's term-1 vote, s2 leads term 2 with s3 and s4, s1 with s2's stale vote and s5). At three and
 * four servers two majorities of one term need more votes than the servers' one vote each in
 * that term plus the one stale vote a candidate can carry (with a majority it would have led
 * already): 4 + 1 < 2 × 3 at four servers, 5 + 1 = 2 × 3 at five. So that bug changes counts only
 * in the other split-vote specs.
 *
 * Safety only, so the model's view (which makes endless elections a finite graph, for liveness)
 * is left out and terms are bounded instead: 9,968 states (with the view and no term bound,
 * 42,804).
 */
import { defineSpec, ids } from '../src/index.ts'
import { raftSplitVote } from '../models/raft-split-vote.ts'
import type { Config, State } from '../models/raft-split-vote.ts'
import { twoCandidates } from './raft-split-vote-four-servers.ts'

/** No server past term 2 (the bug needs two terms). */
const termsAtMostTwo = (c: Config, s: State): boolean =>
  c.servers.every((i) => (s.servers[i] as State['servers'][string]).term <= 2)

export default defineSpec({
  name: 'raft-split-vote-five-servers',
  description: 'Raft election, five servers, s1 and s2 standing, terms up to 2: at most one leader per term',
  model: { ...raftSplitVote, view: undefined },
  params: { servers: 5 },
  config: (p) => ({ servers: ids('s', p.servers as number) }),
  constraint: (c, s) => twoCandidates(c, s) && termsAtMostTwo(c, s),
  check: ['ElectionSafety', 'LeaderElectedOnce'],
  expect: { distinct: 9968, total: 19136, depth: 14, source: 'measured (BFS, this repo)' },
})
