/**
 * BUGGY variant of paxos-register.ts: a leader with a majority of promises drives the report of
 * the highest **round**, ignoring the leader id that Stateright's ballot (round, leader id)
 * carries to break ties; on equal rounds it keeps the first report of its promises (their set's
 * canonical order). Two servers that start ballots before hearing of each other share a round,
 * (1, 0) and (1, 1), and the later leader must drive the proposal of (1, 1), the higher ballot,
 * which may be chosen already; this one may drive (1, 0)'s. With Stateright's two clients only
 * two ballots are ever started, so no leader hears of two proposals and the bug cannot show:
 * specs/paxos-register-round-only.ts has three.
 */
import { paxosRegisterModel } from './paxos-register.ts'
import type { Accepted } from './paxos-register.ts'

/** The report of the highest round, the first of them on a tie; null when nothing was reported. */
export const highestRoundReported = (reported: readonly (Accepted | null)[]): Accepted | null => {
  let best: Accepted | null = null
  for (const r of reported) if (r !== null && (best === null || r.ballot[0] > best.ballot[0])) best = r
  return best
}

export const paxosRegisterRoundOnly = paxosRegisterModel('paxos-register-round-only', { pick: highestRoundReported })
