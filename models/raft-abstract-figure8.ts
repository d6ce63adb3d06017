/**
 * BUGGY variant of raft-abstract.ts: a leader commits an entry from an earlier term because a
 * quorum holds it (counting replicas), without Raft's rule that only entries of the current term
 * are committed that way (the Raft paper's Figure 8). A later leader without the entry replaces
 * it: State Machine Safety (and Leader Completeness) are violated.
 */
import { raftAbstractModel } from './raft-abstract.ts'

export const raftAbstractFigure8 = raftAbstractModel('raft-abstract-figure8', { commitOnlyCurrentTerm: false })
