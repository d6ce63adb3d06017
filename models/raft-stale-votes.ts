/**
 * BUGGY variant of raft.ts: a term comparison `<=` where `===` is meant: a candidate counts a vote granted in an
 * earlier term. s1 asks for votes in term 1, times out into term 2 and counts s2's term-1 vote,
 * while s2 wins term 2 with s3's: two leaders in term 2, Election Safety is violated.
 */
import { correctRules, raftModel } from './raft.ts'

export const raftStaleVotes = raftModel('raft-stale-votes', { ...correctRules, currentTermVotesOnly: false })
