/**
 * BUGGY chain replication (models/chain-replication.ts): the head acknowledges a write to the
 * client as soon as it has applied it, before the write has reached the tail — the "optimisation"
 * of answering from the first replica. A read at the tail issued after the acknowledgement can
 * miss the write (`ReadsSeeAckedWrites`), and an acknowledged write is not yet held by the rest
 * of the chain (`AckedWritesInChain`), so a crash of the head can lose it.
 */
import { chainReplicationModel, noBugs } from './chain-replication.ts'

export const chainReplicationHeadAcks = chainReplicationModel('chain-replication-head-acks', { ...noBugs, headAcks: true })
