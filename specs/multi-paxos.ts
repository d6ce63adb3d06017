/**
 * Multi-Paxos: 2 leaders (l1 with command x1, l2 with y1, y2), 3 acceptors, 2 log instances, one
 * ballot per leader. Log agreement holds; the witnesses show a leader filling the whole log after a
 * single phase 1, and a leader change that keeps the value the first leader got accepted.
 */
import { defineSpec, ids } from '../src/index.ts'
import { multiPaxos } from '../models/multi-paxos.ts'
import { majorityQuorums } from '../models/paxos-quorums.ts'
import type { Config } from '../models/multi-paxos.ts'

export const multiPaxosConfig = (p: Record<string, number | boolean | string>): Config => {
  const leaders = ids('l', p.leaders as number)
  const instances = p.instances as number
  const names = 'xyzw'
  const acceptors = ids('a', p.acceptors as number)
  return {
    leaders,
    acceptors,
    quorums: majorityQuorums(acceptors),
    instances,
    // The first leader has fewer commands than instances, so a second leader is needed to fill
    // the log (and the search space stays small enough for the default suite).
    commands: Object.fromEntries(leaders.map((l, i) => [l, ids(names[i] as string, i === 0 ? (p.firstLeaderCommands as number) : instances)])),
    maxAttempts: p.attempts as number,
  }
}

export default defineSpec({
  name: 'multi-paxos',
  description: 'Multi-Paxos: phase 1 once per leader, phase 2 per instance, leader change by a higher ballot',
  model: multiPaxos,
  params: { leaders: 2, acceptors: 3, instances: 2, attempts: 1, firstLeaderCommands: 1 },
  config: multiPaxosConfig,
  expect: { distinct: 40741, total: 152200, depth: 26, source: 'measured (BFS, this repo)' },
})
