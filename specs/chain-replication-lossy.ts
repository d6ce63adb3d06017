/**
 * Chain replication (models/chain-replication.ts) with one lost message and no crash: the paper
 * assumes reliable FIFO links, and this spec shows what that assumption buys. Safety holds (a
 * server takes only the next update, so a gap stalls it rather than corrupting its history), but
 * a lost Write, Update or WriteAck leaves a write unacknowledged for ever (`AllWritesAcked`, a
 * lasso of 10 states), and a lost Update or Ack leaves a server's Sent holding updates for ever
 * (`SentDrained`, 10 states): there is no retransmission.
 */
import { defineSpec } from '../src/index.ts'
import { chainReplication, configFrom } from '../models/chain-replication.ts'
import base from './chain-replication.ts'

export default defineSpec({
  name: 'chain-replication-lossy',
  description: 'chain replication, 3 servers, 2 writes, 1 read, 1 lost message',
  model: chainReplication,
  params: { ...base.params, drops: 1 },
  config: configFrom,
  check: base.check,
  expect: { distinct: 1325, total: 3433, depth: 18, violated: { AllWritesAcked: { length: 10 }, SentDrained: { length: 10 } }, neverTaken: ['Reconnect', 'Remove'], source: 'measured (BFS, this repo)' },
})
