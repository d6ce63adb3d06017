/**
 * BUGGY variant of raft.ts: a follower that already holds an entry at the index of a new one keeps its own even when
 * the terms differ (Figure 2, AppendEntries step 3, left out: no deletion of the conflicting entry
 * and those after it) and still reports success. The leader counts it as a replica, commits, and
 * the follower, told the commit index, commits its own entry at that index: State Machine Safety
 * is violated.
 */
import { correctRules, raftModel } from './raft.ts'

export const raftKeepConflict = raftModel('raft-keep-conflict', { ...correctRules, onConflict: 'keep' })
