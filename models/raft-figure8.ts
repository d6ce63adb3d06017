/**
 * BUGGY variant of raft.ts: a leader advances commitIndex over an entry from an earlier term
 * because a majority holds it (counting replicas), without Raft's rule that only an entry of the
 * leader's current term is committed that way (the paper's Figure 8). A later leader that lacks
 * the entry overwrites it: State Machine Safety is violated.
 *
 * The bug needs four terms. An earlier-term entry (term a) is committed by counting only if it is not the
 * leader's own term, and it is lost only if a later leader holds a competing entry of a term b > a
 * that the committing leader (term c) lacks, so c > b; the overwriting leader is elected after c
 * with votes from servers already in term c, so its term d > c: a < b < c < d. On 3 servers with
 * one candidate per term (s1, s2, s1, s2) and one entry each in terms 1 and 2, BFS finds Leader
 * Completeness violated (24 states) after 4.65 million states (`bench/consensus.ts`): minutes, not
 * the seconds a suite spec may take. With at most 2 messages in flight (a state constraint) it is
 * found after 13,828 states: specs/raft-figure8.ts, at the bounds of specs/raft-figure8-terms.ts.
 */
import { correctRules, raftModel } from './raft.ts'

export const raftFigure8 = raftModel('raft-figure8', { ...correctRules, commitOnlyCurrentTerm: false })
