/**
 * Liveness story 5b (issue #6): as `eventual-consistency-liveness.ts`, but healing is not fair — a
 * partition may last forever. "Once writes stop, replicas eventually agree" fails: a lasso in
 * which a write is made on one side of a partition that never heals, and the behaviour stutters
 * with the update stuck on its side (nothing fair is enabled across the cut).
 */
import { defineSpec } from '../src/index.ts'
import fair, { config, eventualConsistencyLive, replicationFairness } from './eventual-consistency-liveness.ts'

export default defineSpec({
  name: 'eventual-consistency-liveness-partition',
  description: 'A partition that may never heal: replicas never converge',
  model: eventualConsistencyLive,
  params: fair.params,
  check: ['OnlyWrittenValues', 'ConvergeOnceWritesStop'],
  config,
  fairness: replicationFairness,
  expect: { distinct: 1549, total: 5565, depth: 12, violated: { ConvergeOnceWritesStop: { length: 6 } }, source: 'measured (BFS, this repo); 8,575 / 44,211 / depth 16 before the Syncs of the version a replica holds were dropped (ignoresForever)' },
})
