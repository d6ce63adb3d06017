/**
 * tcp.tla as MCtcp.cfg checks it: peers A and B, one starting in SYN-SENT and the other in LISTEN
 * (MCInit), CONSTRAINT NoRetransmission, ACTION_CONSTRAINT SingleActiveOpen (a step it excludes
 * reaches a state the constraint cuts: models/tcp.ts), TypeOK, Inv, and Prop (one leads-to per
 * peer) under the module's weak fairness, deadlock checked as TLC does by default, and the port's
 * own properties, none in the module: the witness `Connected` (both peers ESTABLISHED) and those of
 * the closing half (FinNotLost, FinWait2Acked, TimeWaitAfterClose, TcbHeld, LastAckCloses per peer
 * under the module's fairness, the witnesses HalfClosed and SimultaneousClose: models/tcp.ts), which
 * only read states: the counts are TLC's with them.
 *
 * TLC's counts in tlaplus/Examples' manifest (specifications/tcp): 1,182 distinct / 6,322
 * generated / depth 14. Here: 3,379 distinct of which 2,197 are cut (the excluded steps' states
 * among them), 1,182 within the constraint, 6,322 generated, depth 15: the last level holds only
 * cut states (the states within the constraint end at 14, TLC's depth). SynSent's receipt of a SYN
 * (a simultaneous open) needs an ACTIVE_OPEN or SEND, which SingleActiveOpen excludes.
 */
import { defineSpec } from '../src/index.ts'
import { constraint, tcp } from '../models/tcp.ts'

export default defineSpec({
  name: 'tcp',
  description: "Kuppe's tcp.tla, RFC 9293's state machine between two peers, as MCtcp.cfg constrains it",
  model: tcp,
  config: { peers: ['A', 'B'] },
  constraint,
  deadlock: true,
  expect: {
    distinct: 3379,
    total: 6322,
    depth: 15,
    withinConstraint: 1182,
    depthWithinConstraint: 14,
    neverTaken: ['SynSent(SYN)'],
    source: 'TLC on MCtcp.cfg (tlaplus/Examples manifest): 1,182 distinct (within the constraint here) / 6,322 generated / depth 14 (15 here: a last level of cut states)',
  },
})
