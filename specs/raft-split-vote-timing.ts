/**
 * Liveness story 6b (issue #6): the fairness assumption that makes Raft elect a leader. Raft's
 * randomised election timeouts ensure that, again and again, one candidate's requests reach a
 * server that can still grant its vote before that server times out itself. As fairness: a vote
 * that can be granted infinitely often is granted infinitely often — strong fairness on granted
 * votes (weak fairness is not enough: the other server's own timeout keeps disabling the grant,
 * which is exactly the lasso of `raft-split-vote.ts`). With it, a leader is eventually elected.
 */
import { defineSpec, strongFair } from '../src/index.ts'
import type { Action } from '../models/raft-split-vote.ts'
import split, { electionFairness } from './raft-split-vote.ts'

export default defineSpec({
  ...split,
  name: 'raft-split-vote-timing',
  description: 'Raft election with the timing assumption as strong fairness on granted votes: a leader is elected',
  fairness: (c: { readonly servers: readonly string[] }) => [
    ...electionFairness(c.servers),
    strongFair((a) => a.name === 'RequestVote' && (a as Action & { name: 'RequestVote' }).granted, 'RequestVote(granted)'),
  ],
  expect: { distinct: 1286, total: 5875, depth: 12, source: 'measured (BFS over view classes, this repo)' },
})
