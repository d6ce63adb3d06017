/**
 * A key-value store replicated on Multi-Paxos: replicas l1 (command x=1) and l2 (x=2) are the
 * leaders, 3 acceptors, 2 log instances. State Machine Safety holds; both replicas can apply the
 * whole log, and replicas are seen at different lengths (so the prefix property is not vacuous).
 */
import { defineSpec, ids } from '../src/index.ts'
import { replicatedStateMachine } from '../models/replicated-state-machine.ts'

export default defineSpec({
  name: 'replicated-state-machine',
  description: 'A key-value store replicated with Multi-Paxos; State Machine Safety',
  model: replicatedStateMachine,
  params: { acceptors: 3 },
  config: (p) => {
    const acceptors = ids('a', p.acceptors as number)
    return {
      leaders: ['l1', 'l2'],
      acceptors,
      instances: 2,
      commands: { l1: ['x=1'], l2: ['x=2'] },
      maxAttempts: { l1: 1, l2: 1 },
    }
  },
  expect: { distinct: 49541, total: 236653, depth: 27, source: 'measured (BFS, this repo)' },
})
