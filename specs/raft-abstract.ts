/**
 * Raft without messages (models/raft-abstract.ts): 3 servers, terms up to 3, logs up to 2
 * entries. The five safety properties hold; an entry of an earlier term is committed in a later
 * term the correct way (behind an entry of the current term).
 */
import { defineSpec, ids } from '../src/index.ts'
import { raftAbstract } from '../models/raft-abstract.ts'

export default defineSpec({
  name: 'raft-abstract',
  description: 'Raft without messages, 3 servers, terms 1..3, logs of 2 entries',
  model: raftAbstract,
  params: { servers: 3, maxTerm: 3, maxLog: 2 },
  config: (p) => ({ servers: ids('s', p.servers as number), maxTerm: p.maxTerm as number, maxLog: p.maxLog as number }),
  expect: { distinct: 18568, total: 64462, depth: 15, source: 'measured (BFS, this repo)' },
})
