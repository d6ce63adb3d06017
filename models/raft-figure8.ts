/**
 * BUGGY variant of raft.ts: a leader advances commitIndex over an entry from an earlier term
 * because a majority holds it (counting replicas), without Raft's rule that only an entry of the
 * leader's current term is committed that way (the paper's Figure 8). A later leader that lacks
 * the entry overwrites it: State Machine Safety is violated.
 */
import { correctRules, raftModel } from './raft.ts'

export const raftFigure8 = raftModel('raft-figure8', { ...correctRules, commitOnlyCurrentTerm: false })
