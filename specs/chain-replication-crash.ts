/**
 * Chain replication (models/chain-replication.ts) with one crash of any server: 3 servers, 2
 * writes and 1 read by one client, crash-stop, the master removing the crashed server and the
 * chain reconfiguring. The safety properties hold; a chain that loses its middle server or its
 * tail still acknowledges every write (the predecessor resends its Sent, or the new tail
 * acknowledges it). A head that crashes with writes on their way to it loses them for good: the
 * model has no client retry, so `AllWritesAcked` fails (a lasso of 9 states that stutters once
 * nothing is left to do).
 */
import { defineSpec } from '../src/index.ts'
import { chainReplication, configFrom } from '../models/chain-replication.ts'

export default defineSpec({
  name: 'chain-replication-crash',
  description: 'chain replication, 3 servers, 2 writes, 1 read, 1 crash of any server, reconfiguration',
  model: chainReplication,
  params: { servers: 3, writes: 2, reads: 1, crashes: 1, drops: 0 },
  config: configFrom,
  expect: { distinct: 12744, total: 36972, depth: 23, violated: { AllWritesAcked: { length: 9 } }, source: 'measured (BFS, this repo)' },
})
