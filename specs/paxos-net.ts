/**
 * Message-passing Basic Paxos (the seed's version): 2 proposers with values v1 and v2, 3
 * acceptors, a bag network, faults within a budget. Agreement holds: at most one value is chosen
 * and every proposer that learns a value learns that one.
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
  params: { proposers: 2, acceptors: 3, attempts: 1, crashes: 1, drops: 0, duplicates: 0, semantics: 'set' },
  config: paxosNetConfig,
  expect: { distinct: 14265, total: 51292, depth: 23, source: 'measured (BFS, this repo)' },
})
