/**
 * BUGGY variant of paxos-net.ts: the acceptor keeps its promise (minProposal) in memory only, so a
 * restart forgets it (its accepted proposal is still on disk). After a restart it accepts a
 * proposal below the one it promised, letting an older proposal complete a quorum next to a newer
 * one that chose another value: Agreement is violated.
 */
import { correctRules, paxosNetModel } from './paxos-net.ts'

export const paxosNetVolatilePromise = paxosNetModel('paxos-net-volatile-promise', {
  ...correctRules,
  durablePromise: false,
})
