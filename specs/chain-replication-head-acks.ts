/**
 * BUGGY: see models/chain-replication-head-acks.ts. At specs/chain-replication.ts's bounds (3
 * servers, 2 writes, 1 read, no fault) the head's early acknowledgement is caught: an acknowledged
 * write not yet at s2 and s3 (`AckedWritesInChain`, 4 states), and a read at the tail, issued after
 * that acknowledgement, that misses it (`ReadsSeeAckedWrites`, 7 states).
 */
import { defineSpec } from '../src/index.ts'
import { configFrom } from '../models/chain-replication.ts'
import { chainReplicationHeadAcks } from '../models/chain-replication-head-acks.ts'
import base from './chain-replication.ts'

export default defineSpec({
  name: 'chain-replication-head-acks',
  model: chainReplicationHeadAcks,
  params: base.params,
  config: configFrom,
  check: base.check,
  expect: { distinct: 1325, total: 3688, depth: 20, violated: { ReadsSeeAckedWrites: { length: 7 }, AckedWritesInChain: { length: 4 } }, neverTaken: ['Reconnect', 'Remove'], source: 'measured (BFS, this repo)' },
})
