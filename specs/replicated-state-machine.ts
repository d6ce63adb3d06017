/**
 * A key-value store replicated on Multi-Paxos: replicas l1 (command x=1, two ballots) and l2 (x=2,
 * one ballot) are the leaders, 2 acceptors (a majority is both), 2 log instances. State Machine
 * Safety holds; both replicas can apply the whole log, replicas are seen at different lengths (so
 * the prefix property is not vacuous), and l1 times out and leads its second ballot.
 *
 * Restricted as specs/multi-paxos.ts is, to fit the suite: 2 acceptors and one timeout. The
 * 3-acceptor instance with one ballot each (`--param acceptors=3 --param attempts=1`) also holds,
 * with LedSecondBallot not reached (no Timeout).
 */
import { defineSpec, ids } from '../src/index.ts'
import { replicatedStateMachine } from '../models/replicated-state-machine.ts'

export default defineSpec({
  name: 'replicated-state-machine',
  description: 'A key-value store replicated with Multi-Paxos; State Machine Safety',
  model: replicatedStateMachine,
  params: { acceptors: 2, attempts: 2 },
  config: (p) => {
    const acceptors = ids('a', p.acceptors as number)
    return {
      leaders: ['l1', 'l2'],
      acceptors,
      instances: 2,
      commands: { l1: ['x=1'], l2: ['x=2'] },
      maxAttempts: { l1: p.attempts as number, l2: 1 },
    }
  },
  expect: { distinct: 7386, total: 24479, depth: 32, neverTaken: ['Deliver Promise', 'Deliver Accepted'], source: 'measured (BFS, this repo)' },
})
