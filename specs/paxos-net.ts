/**
 * Message-passing Basic Paxos (the seed's version): proposers p1, p2 with values v1, v2, acceptors
 * a1..a3, a `set` network (loss, duplication and reordering implicit). p1 may retry once after a
 * timeout (ids 1 then 3), p2 tries once (id 2): the smallest instance with three proposal ids in
 * play, which the value rule (adopt the highest reported) and the acceptor's rules (promise only
 * above, accept only at or above the promise, raise the promise on accept) need before a wrong
 * one can do harm. Restricted: only p1 retries; both retrying (`--param attempts=2`) is in
 * bench/consensus.ts. One acceptor crash is budgeted; with every acceptor field durable it loses
 * nothing on a set network and is not generated (models/paxos-net.ts, crashAcceptor), so the
 * counts equal those with `crashes=0`; it matters for a model where something is volatile.
 *
 * Holds: Agreement, LearntIsChosen, Validity, P2, PromiseOnce, PromiseCoversAccepted. Witnessed:
 * a value chosen and learnt by both, a retry (Retried), a proposer adopting a reported value
 * (AdoptedValue), a vote above a chosen proposal (AcceptedAboveChosen, what P2 speaks about).
 * Each buggy variant specs/paxos-net-*.ts fails here too, on the same parameters.
 */
import { defineSpec, ids } from '../src/index.ts'
import { paxosNet } from '../models/paxos-net.ts'
import type { Config } from '../models/paxos-net.ts'

/** `attempts`: one number for every proposer, or one per proposer as `'2,1'` (p1 two, p2 one). */
const attemptsOf = (attempts: number | boolean | string | undefined, i: number): number => {
  const list = String(attempts).split(',').map(Number)
  const n = list.length === 1 ? list[0] : list[i]
  if (n === undefined || !Number.isInteger(n) || n < 0) throw new Error(`attempts: expected a number or a list like '2,1', got ${String(attempts)}`)
  return n
}

export const paxosNetConfig = (p: Record<string, number | boolean | string>): Config => {
  const proposers = ids('p', p.proposers as number)
  const acceptors = ids('a', p.acceptors as number)
  return {
    proposers,
    acceptors,
    values: Object.fromEntries(proposers.map((x, i) => [x, `v${i + 1}`])),
    maxAttempts: Object.fromEntries(proposers.map((x, i) => [x, attemptsOf(p.attempts, i)])),
    crashable: acceptors,
    budget: { crash: p.crashes as number, drop: p.drops as number, duplicate: p.duplicates as number },
    semantics: p.semantics === 'bag' ? 'bag' : 'set',
  }
}

export default defineSpec({
  name: 'paxos-net',
  description: 'Basic Paxos with explicit proposers and acceptors over a lossy, duplicating, reordering network',
  model: paxosNet,
  params: { proposers: 2, acceptors: 3, attempts: '2,1', crashes: 1, drops: 0, duplicates: 0, semantics: 'set' },
  config: paxosNetConfig,
  expect: { distinct: 600921, total: 2207364, depth: 32, source: 'measured (BFS, this repo)' },
})
