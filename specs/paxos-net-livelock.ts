/**
 * Liveness story 1 on a network (issue #14): the seed's "活锁问题" with messages — two proposers
 * that retry with higher ids when their round fails, two acceptors (a majority of two is both), a
 * bag network (models/paxos-net-duelling.ts). "A value is eventually learnt" fails: the checker
 * finds a fair lasso in which the proposers split the acceptors, each acceptor promising one before
 * the other's Prepare arrives, so neither gets a majority of promises and both retry, forever. `specs/paxos-livelock.ts` is the
 * same story with request and reply as one step. Three acceptors (`--param acceptors=3`) violate
 * the property too, over 2,495,160 states (221 CPU-s on a shared machine): too many for the suite.
 *
 * Fairness (realistic, per exchange): weak fairness on the deliveries between each proposer and
 * each acceptor, both ways (a message that stays deliverable is eventually delivered), on each
 * proposer's retry timer, and on each proposer's first Prepare. The checker decides whether a
 * lasso is fair; the one it reports delivers every message of every round.
 *
 * Why the graph has a cycle (the obstacle: on a bag network abandoned requests and replies pile
 * up; on a set network nothing ever leaves). Of the three ways out — the harness or the model
 * dropping "useless" messages, a set network relative to the view, a view that forgets messages —
 * this takes none of the three as a rule of its own: a bag consumes a message its receiver ignores
 * (that is a delivery, and it is fair to require it), and the retry timer waits for its round trip
 * (the partial-synchrony assumption, see the model's header), so when a proposer retries its old
 * round has left the network and the bag holds at most one round per proposer. Nothing is
 * discarded that the protocol could still use; the timer's guard only removes behaviours (early
 * retries), so it cannot make a safety property fail, and safety with a timer that fires at any
 * time is checked on paxos-net. The view (ids renumbered relative to the lowest in play, messages
 * in flight included; a bisimulation, argued in the model's header) then makes the ever-growing
 * ids a finite graph.
 */
import { defineSpec, ids, weakFair } from '../src/index.ts'
import type { Action as AnyAction, Fairness, Model } from '../src/index.ts'
import { paxosNetDuelling } from '../models/paxos-net-duelling.ts'
import type { Action, Config, State } from '../models/paxos-net-duelling.ts'

const model: Model<Config, State, Action> = paxosNetDuelling

/** The deliveries of one proposer–acceptor exchange (requests and replies), one proposer's retry
 * timer, and its first Prepare: each weakly fair. */
export function exchangeFairness(c: Config): Fairness[] {
  const out: Fairness[] = []
  for (const p of c.proposers) {
    out.push(weakFair((x: AnyAction) => x.name === 'Prepare' && (x as Action & { node: string }).node === p, `Prepare(${p})`))
    out.push(weakFair((x: AnyAction) => x.name === 'Timeout' && (x as Action & { node: string }).node === p, `timer(${p})`))
    for (const a of c.acceptors) {
      const exchange = (x: AnyAction): boolean => {
        if (x.name !== 'Deliver') return false
        const { from, to } = x as Action & { from: string; to: string }
        return (from === p && to === a) || (from === a && to === p)
      }
      out.push(weakFair(exchange, `${p}⇄${a}`))
    }
  }
  return out
}

export const config = (p: Record<string, number | boolean | string>): Config => {
  const proposers = ids('p', p.proposers as number)
  return {
    proposers,
    acceptors: ids('a', p.acceptors as number),
    // leader: only p1 keeps proposing; rival: whether p2 still makes one attempt (before it knew
    // the leader) or none.
    proposing: p.leader === true && p.rival !== true ? [proposers[0]!] : proposers,
    retrying: p.leader === true ? [proposers[0]!] : proposers,
    values: Object.fromEntries(proposers.map((x, i) => [x, `v${i + 1}`])),
  }
}

const defaults = { proposers: 2, acceptors: 2, leader: false, rival: false }

export default defineSpec({
  name: 'paxos-net-livelock',
  description: 'Basic Paxos over a network, two duelling proposers: a value is never learnt (lasso)',
  model,
  params: defaults,
  config,
  fairness: exchangeFairness,
  check: ['Agreement', 'EventuallyLearnt'],
  expect: {
    distinct: 4648,
    total: 12663,
    depth: 39,
    violated: { EventuallyLearnt: { length: 12 } },
    source: 'measured (BFS over view classes, this repo); the lasso is curated in traces/examples/paxos-net-livelock.*',
  },
})
