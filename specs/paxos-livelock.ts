/**
 * Liveness story 1 (issue #6), the seed's "活锁问题": two proposers that retry with higher ids,
 * three acceptors that promise to the higher one, each proposer's exchange with each acceptor
 * weakly fair. "A value is
 * eventually learnt" fails: the checker finds a lasso in which the proposers alternately prepare
 * successfully and fail to get their Accept through, forever. Found as a cycle of the explored
 * graph thanks to the model's view (ids renumbered relative to the lowest in play).
 */
import { defineSpec, ids, weakFair } from '../src/index.ts'
import type { Fairness } from '../src/index.ts'
import { paxosDuellingProposers } from '../models/paxos-duelling-proposers.ts'
import type { Action, Config } from '../models/paxos-duelling-proposers.ts'

/** Weak fairness per pair of a proposing proposer and an acceptor (a request that stays
 * deliverable is delivered and answered), and for Start; a function of the configuration, so
 * other parameters get groups for their own nodes (and a proposer that never proposes none). */
export function duellingFairness(c: Config): Fairness[] {
  const pairs: Fairness[] = []
  for (const p of c.proposing) {
    for (const a of c.acceptors) {
      const exchange = (x: Action): boolean => (x.name === 'Prepare' || x.name === 'Accept') && x.node === p && x.to === a
      pairs.push(weakFair((x) => exchange(x as Action), `${p}⇄${a}`))
    }
  }
  return [weakFair('Start'), ...pairs]
}

const config = (p: Record<string, number | boolean | string>): Config => {
  const proposers = ids('p', p.proposers as number)
  return {
    proposers,
    acceptors: ids('a', p.acceptors as number),
    proposing: p.leader === true ? [proposers[0]!] : proposers,
    values: Object.fromEntries(proposers.map((x, i) => [x, `v${i + 1}`])),
  }
}

const defaults = { proposers: 2, acceptors: 3, leader: false }

export default defineSpec({
  name: 'paxos-livelock',
  description: 'Basic Paxos, two duelling proposers: a value is never learnt (lasso)',
  model: paxosDuellingProposers,
  params: defaults,
  config,
  fairness: duellingFairness,
  check: ['Agreement', 'Validity', 'EventuallyLearnt'],
  expect: {
    distinct: 57160,
    total: 250700,
    depth: 33,
    violated: { EventuallyLearnt: { length: 13 } },
    source: 'measured (BFS over view classes, this repo); the lasso is the seed\'s livelock, curated in traces/examples/paxos-livelock.*',
  },
})
