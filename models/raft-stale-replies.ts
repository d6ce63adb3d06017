/**
 * BUGGY variant of raft.ts: a leader uses an AppendEntries reply from an earlier term of its own
 * (raft.tla's HandleAppendEntriesResponse drops replies whose term is not the current one). The
 * reply's matchIndex describes the follower's log as it was then; if the leader's log changed
 * since (a later leader overwrote it before this one was elected again), the leader counts the
 * follower as holding entries it does not hold, and can commit a new entry on a minority.
 *
 * The bug needs five terms on 3 servers: s1 leads term 1 and appends an entry it keeps to itself;
 * s2 leads term 2 and appends one; s1 leads term 3 and copies its term-1 entry to s3, whose
 * success reply stays in flight; s2 wins term 4 with s3's vote (its term-2 entry is more up to
 * date) and overwrites s1's entry; s1 wins term 5 with s3's vote and reads the old reply:
 * matchIndex 1 for s3, whose entry 1 is not s1's. MatchIndexSound (a leader's matchIndex for a
 * server of its term is a prefix both logs share) is violated there; Leader Completeness only
 * once s1 commits an entry with that count and a sixth term elects a leader without it
 * (millions of states at any bound that allows it).
 */
import { correctRules, raftModel } from './raft.ts'

export const raftStaleReplies = raftModel('raft-stale-replies', { ...correctRules, currentTermRepliesOnly: false })
