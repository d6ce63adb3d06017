/**
 * BUGGY variant of raft.ts: votes granted without the up-to-date check (Figure 2, RequestVote step 2; §5.4.1). A
 * candidate that lacks a committed entry wins: Leader Completeness is violated (and later State
 * Machine Safety, when it overwrites the entry).
 */
import { correctRules, raftModel } from './raft.ts'

export const raftVoteAnyLog = raftModel('raft-vote-any-log', { ...correctRules, voteLogCheck: false })
