/**
 * Liveness story 5 (issue #6), eventual consistency: "once writes stop, replicas eventually
 * agree" (leads-to: all writes issued ~> every replica holds the same version). Two replicas,
 * two writes, one dropped message and one partition within the budget (as `eventual-consistency.ts`;
 * three replicas make hundreds of thousands of states). Delivery, anti-entropy and partition
 * healing are weakly fair (writes, drops and the partition itself are not): it holds.
 * `eventual-consistency-liveness-partition.ts` lets the partition last forever: it fails.
 */
import { compareValues, defineSpec, ids, leadsTo, weakFair } from '../src/index.ts'
import type { Fairness, Params } from '../src/index.ts'
import { eventualConsistency } from '../models/eventual-consistency.ts'
import type { Config, State } from '../models/eventual-consistency.ts'

const agree = (c: Config, s: State): boolean =>
  c.replicas.every((r) => compareValues(s.replicas[r]!, s.replicas[c.replicas[0]!]!) === 0)

/** The model with the liveness property added (its own are safety only). */
export const eventualConsistencyLive = {
  ...eventualConsistency,
  properties: [
    ...eventualConsistency.properties,
    leadsTo<Config, State>('ConvergeOnceWritesStop', (c, s) => s.written.length === c.writes, agree),
  ],
}

export const config = (p: Params): Config => ({
  replicas: ids('r', p.replicas as number),
  writes: p.writes as number,
  budget: { drop: p.drops as number, partition: p.partitions as number },
})

/** Fair delivery and anti-entropy; the environment's faults and the clients' writes are not. */
export const replicationFairness: Fairness[] = [weakFair('Deliver'), weakFair('AntiEntropy')]

export default defineSpec({
  name: 'eventual-consistency-liveness',
  description: 'Replicas converge once writes stop, under fair delivery and fair partition healing',
  model: eventualConsistencyLive,
  params: { replicas: 2, writes: 2, drops: 1, partitions: 1 },
  check: ['OnlyWrittenValues', 'ConvergeOnceWritesStop'],
  config,
  fairness: [...replicationFairness, weakFair('Heal')],
  expect: { distinct: 1549, total: 5565, depth: 12, source: 'measured (BFS, this repo); the same state space as eventual-consistency.ts; 8,575 / 44,211 / depth 16 before the Syncs of the version a replica holds were dropped (ignoresForever)' },
})
