/**
 * Chain replication (models/chain-replication.ts): 3 servers, 2 writes and 1 read by one client,
 * no fault. Every safety property holds, and every write is eventually acknowledged under weak
 * fairness per node.
 */
import { defineSpec } from '../src/index.ts'
import { chainReplication, configFrom } from '../models/chain-replication.ts'

export default defineSpec({
  name: 'chain-replication',
  description: 'chain replication, 3 servers, 2 writes, 1 read, no fault',
  model: chainReplication,
  params: { servers: 3, writes: 2, reads: 1, crashes: 0, drops: 0 },
  config: configFrom,
  // The properties about crashes and reconfiguration are chain-replication-crash's.
  check: ['UpdatePropagation', 'ReadsSeeAckedWrites', 'ReadsReturnCommittedWrites', 'AckedWritesInChain', 'InprocessRequests', 'AllWritesAcked', 'SentDrained', 'WriteAcked', 'ReadAfterAck', 'ReadSeesConcurrentWrite'],
  // No server crashes, so the master removes none and no server reconnects.
  expect: { distinct: 370, total: 841, depth: 18, neverTaken: ['Reconnect', 'Remove'], source: 'measured (BFS, this repo)' },
})
