/**
 * BUGGY chain replication (models/chain-replication.ts): the client sends its reads to the head
 * rather than the tail. The head's history holds writes the tail does not have yet, so a read can
 * return a write that is not committed (`ReadsReturnCommittedWrites`): should the head crash
 * before forwarding it, the write is lost although a client has read it.
 */
import { chainReplicationModel, noBugs } from './chain-replication.ts'

export const chainReplicationReadAtHead = chainReplicationModel('chain-replication-read-at-head', { ...noBugs, readAtHead: true })
