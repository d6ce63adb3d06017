/**
 * The election model of `raft-split-vote.ts` with four servers: the smallest size at which a
 * quorum of half the servers (`Math.ceil(n / 2)`) is not a majority, so this spec is what catches
 * that one-line bug in the model (s1 with s3's vote and s2 with s4's both lead term 1:
 * ElectionSafety violated in 5 states; at three servers `ceil` is the majority). A state
 * constraint keeps it small (the whole four-server graph is 322,321 states, 17 s): only s1 and s2
 * stand. Only safety is checked here.
 */
import { defineSpec, ids } from '../src/index.ts'
import { raftSplitVote } from '../models/raft-split-vote.ts'
import type { Config, State } from '../models/raft-split-vote.ts'

/** Only s1 and s2 stand: s3 and s4 only vote (a state in which one of them has timed out is not
 * expanded). Read from roles, which the model's view keeps as they are, so every state of one view
 * class is cut alike (a bound on terms would not be: the view renumbers them). */
export const twoCandidates = (c: Config, s: State): boolean =>
  c.servers.every((i, k) => k < 2 || (s.servers[i] as State['servers'][string]).role === 'follower')

export default defineSpec({
  name: 'raft-split-vote-four-servers',
  description: 'Raft election, four servers, s1 and s2 standing: at most one leader per term',
  model: raftSplitVote,
  params: { servers: 4 },
  config: (p) => ({ servers: ids('s', p.servers as number) }),
  constraint: twoCandidates,
  check: ['ElectionSafety', 'LeaderElectedOnce'],
  expect: { distinct: 3609, total: 13403, depth: 13, source: 'measured (BFS, this repo)' },
})
