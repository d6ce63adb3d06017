/**
 * BUGGY: see models/multi-paxos-own-command.ts. At specs/multi-paxos.ts's bounds, the checker finds
 * the LogAgreement violation (shortest counterexample, BFS, 15 states): l1 gets x1 accepted in
 * instance 0 by both acceptors (chosen); l2's promises report it, but l2 proposes its own y1 there,
 * and both accept it: y1 is chosen in instance 0 too.
 */
import { defineSpec } from '../src/index.ts'
import { multiPaxosOwnCommand } from '../models/multi-paxos-own-command.ts'
import { multiPaxosConfig, multiPaxosParams } from './multi-paxos.ts'

export default defineSpec({
  name: 'multi-paxos-own-command',
  model: multiPaxosOwnCommand,
  params: multiPaxosParams,
  config: multiPaxosConfig,
  check: ['LogAgreement'],
  expect: { violated: { LogAgreement: { length: 15 } }, source: 'measured (BFS, this repo)' },
})
