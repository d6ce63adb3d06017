/**
 * The election model of `raft-split-vote.ts` with four servers, every one free to stand, explored
 * one state per class of the model's view with the servers renamed (`symmetricView`): the whole
 * four-server graph is 322,321 states under the plain view. This is the size at which a candidate
 * that steps down to term 0 (instead of the term it heard) breaks Election Safety: reset to 0, it
 * takes an older term from a stale request and votes a second time in it (a 16-state
 * counterexample). At three servers, or with only two standing (raft-split-vote-four-servers.ts),
 * that bug changes counts only. Only safety is checked here.
 */
import { defineSpec, ids } from '../src/index.ts'
import { raftSplitVote, symmetricView } from '../models/raft-split-vote.ts'

export default defineSpec({
  name: 'raft-split-vote-four-servers-all',
  description: 'Raft election, four servers all standing, one state per renaming class: at most one leader per term',
  model: { ...raftSplitVote, view: symmetricView },
  params: { servers: 4 },
  config: (p) => ({ servers: ids('s', p.servers as number) }),
  check: ['ElectionSafety', 'LeaderElectedOnce'],
  expect: { distinct: 13987, total: 116782, depth: 20, source: 'measured (BFS, this repo)' },
})
