/**
 * BUGGY variant of raft.ts: votedFor is kept in memory only, so a server that restarts forgets
 * whom it voted for in the current term and votes again: two leaders are elected in one term
 * (Election Safety is violated).
 */
import { correctRules, raftModel } from './raft.ts'

export const raftVolatileVote = raftModel('raft-volatile-vote', { ...correctRules, durableVote: false })
