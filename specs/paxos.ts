/**
 * Paxos.tla with MCPaxos.tla's constants (tlaplus/Examples, specifications/Paxos): one acceptor,
 * one value, ballots 0..1. Counts equal TLC's on MCPaxos.cfg (25 / 82 / 9), as listed in the
 * manifest and `../shared/reference/published-counts.md` (MCSymmetry is trivial for one acceptor
 * and one value, so it does not change them).
 *
 * OneValuePerBallot is not checked here: with one acceptor and one value no two votes can share a
 * ballot, so it would hold vacuously (the checker reports it so); paxos-tiny (3 acceptors, 2
 * values) checks it. Leaving it out changes no count: every other property holds, so the search
 * runs to the end either way.
 */
import { defineSpec, ids } from '../src/index.ts'
import { majorityQuorums } from '../models/paxos-quorums.ts'
import { paxos } from '../models/paxos.ts'
import type { Config } from '../models/paxos.ts'

/** The configuration of the Paxos.tla specs: acceptors a1.., values v1.., majority quorums, and
 * ballots 0..maxBallot. */
export const paxosConfig = (p: Record<string, number | boolean | string>): Config => {
  const acceptors = ids('a', p.acceptors as number)
  return { acceptors, values: ids('v', p.values as number), quorums: majorityQuorums(acceptors), maxBallot: p.maxBallot as number }
}

export default defineSpec({
  name: 'paxos',
  description: "Lamport's Paxos.tla, MCPaxos: 1 acceptor, 1 value, ballots 0..1",
  model: paxos,
  params: { acceptors: 1, values: 1, maxBallot: 1 },
  check: paxos.properties.map((p) => p.name).filter((n) => n !== 'OneValuePerBallot'),
  config: paxosConfig,
  expect: { distinct: 25, total: 82, depth: 9, source: 'TLC on MCPaxos.cfg (tlaplus/Examples specifications/Paxos manifest)' },
})
