/**
 * BUGGY variant of raft.ts: AppendEntries without the consistency check (Figure 2, AppendEntries step 2: reply false if
 * the log has no entry at prevLogIndex whose term is prevLogTerm). A follower with a shorter log
 * stores the entry after its own last one and reports a match up to the leader's index; the
 * leader commits, and the follower commits an entry at an index where the leader holds another:
 * State Machine Safety is violated. With one-entry logs every AppendEntries has prevLogIndex 0, so
 * the bug needs two-entry logs.
 */
import { correctRules, raftModel } from './raft.ts'

export const raftNoPrevLogCheck = raftModel('raft-no-prev-log-check', { ...correctRules, checkPrevLog: false })
