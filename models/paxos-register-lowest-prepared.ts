/**
 * BUGGY variant of paxos-register.ts: a leader with a majority of promises drives the **lowest**
 * of the reports, where Stateright's takes the highest (`max()`; here `min()`), and "nothing
 * accepted" ranks lowest as it does in Rust's `Option` order. So one promise from a server that
 * accepted nothing is enough for the leader to drive its own client's value, over one that may
 * already be decided: two values get decided, and clients read different ones.
 */
import { paxosRegisterModel } from './paxos-register.ts'
import type { Accepted } from './paxos-register.ts'

/** The lowest report: null if any promise reported nothing, else the lowest ballot's. */
export const lowestReported = (reported: readonly (Accepted | null)[]): Accepted | null => {
  let low: Accepted | null | undefined
  for (const r of reported) {
    if (r === null) return null
    if (low === undefined || low === null || r.ballot[0] < low.ballot[0] || (r.ballot[0] === low.ballot[0] && r.ballot[1] < low.ballot[1])) low = r
  }
  return low ?? null
}

export const paxosRegisterLowestPrepared = paxosRegisterModel('paxos-register-lowest-prepared', { pick: lowestReported })
