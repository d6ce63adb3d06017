/**
 * Multi-Paxos with 3 acceptors: 2 leaders (l1 with command x1, l2 with y1, y2), 2 log instances,
 * one ballot per leader (so `Timeout` is never taken and LedSecondBallot is not checked; the
 * leader change here is l2's higher ballot). Log agreement holds; the witnesses show a leader
 * filling the whole log after a single phase 1, and l2 re-proposing the x1 that l1 got accepted by
 * a majority that need not be l2's. specs/multi-paxos.ts has the timeout, with 2 acceptors.
 */
import { defineSpec } from '../src/index.ts'
import { multiPaxos } from '../models/multi-paxos.ts'
import { multiPaxosConfig } from './multi-paxos.ts'

export default defineSpec({
  name: 'multi-paxos-three-acceptors',
  description: 'Multi-Paxos with 3 acceptors, one ballot per leader',
  model: multiPaxos,
  params: { leaders: 2, acceptors: 3, instances: 2, attempts: 1, otherAttempts: 1, firstLeaderCommands: 1 },
  config: multiPaxosConfig,
  check: ['LogAgreement', 'LearntIsChosen', 'Validity', 'WholeLogAfterOnePhase1', 'LeaderChangeKeepsValue', 'ReproposedInHigherBallot'],
  // Never taken: Timeout: each leader has one ballot (attempts=1, otherAttempts=1).
  expect: { distinct: 40741, total: 152200, depth: 26, neverTaken: ['Timeout', 'Deliver Promise', 'Deliver Accepted'], source: 'measured (BFS, this repo)' },
})
