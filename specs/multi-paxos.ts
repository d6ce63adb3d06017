/**
 * Multi-Paxos with a leader change by timeout: 2 leaders (l1 with command x1 and two ballots, 1
 * and 3; l2 with y1, y2 and one ballot, 2), 2 acceptors (a majority is both), 2 log instances.
 * Log agreement holds, and no command is chosen in two instances (`ChosenOnce`: a leader proposes
 * each of its own commands once); the witnesses show a leader filling the whole log after a single
 * phase 1, l2 re-proposing the x1 that l1 got accepted, `Timeout` taken (l1 leads its second
 * ballot), and a value accepted in one ballot re-proposed in a higher one.
 *
 * Restricted to fit the suite (every spec runs about five times; this one completes in about
 * 2.5 CPU-s single-threaded): 2 acceptors, since 3 with a second ballot for l1 pass 150,000
 * states even with one instance; only l1 may time out (both may: over 150,000 states too).
 * specs/multi-paxos-three-acceptors.ts is the 3-acceptor instance with one ballot per leader.
 * The buggy variants (specs/multi-paxos-*.ts) run at these bounds and are caught here.
 */
import { defineSpec, ids } from '../src/index.ts'
import { multiPaxos } from '../models/multi-paxos.ts'
import type { Config } from '../models/multi-paxos.ts'

/** The default bounds, shared by the buggy variants' specs. */
export const multiPaxosParams = { leaders: 2, acceptors: 2, instances: 2, attempts: 2, otherAttempts: 1, firstLeaderCommands: 1 }

export const multiPaxosConfig = (p: Record<string, number | boolean | string>): Config => {
  const leaders = ids('l', p.leaders as number)
  const instances = p.instances as number
  const names = 'xyzw'
  const acceptors = ids('a', p.acceptors as number)
  return {
    leaders,
    acceptors,
    instances,
    // The first leader has fewer commands than instances, so a second leader is needed to fill
    // the log (and the search space stays small enough for the default suite).
    commands: Object.fromEntries(leaders.map((l, i) => [l, ids(names[i] as string, i === 0 ? (p.firstLeaderCommands as number) : instances)])),
    // `attempts`: the first leader's ballots; the others get `otherAttempts`.
    maxAttempts: Object.fromEntries(leaders.map((l, i) => [l, i === 0 ? (p.attempts as number) : (p.otherAttempts as number)])),
  }
}

export default defineSpec({
  name: 'multi-paxos',
  description: 'Multi-Paxos: phase 1 once per ballot, phase 2 per instance, leader change by a higher ballot and by timeout',
  model: multiPaxos,
  params: multiPaxosParams,
  config: multiPaxosConfig,
  // Every property but PromisesReportTwoCommands, never reached with two acceptors (see it).
  check: ['LogAgreement', 'LearntIsChosen', 'Validity', 'ChosenOnce', 'WholeLogAfterOnePhase1', 'LeaderChangeKeepsValue', 'LedSecondBallot', 'ReproposedInHigherBallot'],
  expect: { distinct: 8504, total: 20891, depth: 32, neverTaken: ['Deliver Promise', 'Deliver Accepted'], source: 'measured (BFS, this repo)' },
})
