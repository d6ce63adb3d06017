/**
 * BUGGY: see models/chain-replication-read-at-head.ts. At specs/chain-replication.ts's bounds a
 * read served by the head returns a write that only the head holds (`ReadsReturnCommittedWrites`,
 * 6 states).
 */
import { defineSpec } from '../src/index.ts'
import { configFrom } from '../models/chain-replication.ts'
import { chainReplicationReadAtHead } from '../models/chain-replication-read-at-head.ts'
import base from './chain-replication.ts'

export default defineSpec({
  name: 'chain-replication-read-at-head',
  model: chainReplicationReadAtHead,
  params: base.params,
  config: configFrom,
  check: base.check,
  expect: { distinct: 512, total: 1218, depth: 18, violated: { ReadsReturnCommittedWrites: { length: 6 } }, neverTaken: ['Reconnect', 'Remove'], source: 'measured (BFS, this repo)' },
})
