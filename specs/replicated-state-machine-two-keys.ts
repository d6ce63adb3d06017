/**
 * The replicated key-value store of specs/replicated-state-machine.ts with commands on two keys
 * (l1: x=1, l2: y=2). There both commands write `x`, so a store is its last command's value and a
 * replica that applies its commands to the wrong store (catching up two instances at once from
 * the store it had before, so that the first command's write is lost) holds the same store as
 * the replay of its applied sequence: StoreMatchesApplied and StateMachineSafety cannot see it.
 * With two keys they do. One ballot per leader (no Timeout) keeps it small: a replica still
 * learns instance 1 before instance 0 (its own Learn) and then applies both at once.
 */
import { defineSpec, ids } from '../src/index.ts'
import { replicatedStateMachine } from '../models/replicated-state-machine.ts'

export default defineSpec({
  name: 'replicated-state-machine-two-keys',
  description: 'The replicated key-value store with commands on two keys: a store is the replay of the applied log',
  model: replicatedStateMachine,
  params: { acceptors: 2, attempts: 1 },
  config: (p) => ({
    leaders: ['l1', 'l2'],
    acceptors: ids('a', p.acceptors as number),
    instances: 2,
    commands: { l1: ['x=1'], l2: ['y=2'] },
    maxAttempts: { l1: p.attempts as number, l2: 1 },
  }),
  // LedSecondBallot is left out: one ballot per leader, no Timeout.
  check: ['StateMachineSafety', 'AppliedAreChosen', 'StoreMatchesApplied', 'AppliesWhatItKnows', 'LogAgreement', 'AllReplicasAppliedWholeLog', 'ReplicasAtDifferentLengths', 'IdleReplicaApplied'],
  expect: { distinct: 331, total: 901, depth: 22, neverTaken: ['Timeout', 'Deliver Promise', 'Deliver Accepted'], source: 'measured (BFS, this repo)' },
})
