/**
 * BUGGY variant of raft.ts: the commit rule compares the leader's *last* entry's term with its
 * currentTerm, instead of the term of the entry at the index being committed (`lastTerm(log)` for
 * `log[n - 1]`, an edit that reads as an optimisation). A leader whose last entry is of its own
 * term then commits an earlier-term entry below it by counting replicas: the paper's Figure 8 bug
 * on two-entry logs. Every spec with one-entry logs passes it (the last entry is the one
 * committed); a new user's tour found it changing counts only. Caught by
 * specs/raft-commit-last-term.ts at the bounds of specs/raft-figure8-two-entries.ts, where the
 * correct model holds.
 */
import { correctRules, raftModel } from './raft.ts'

export const raftCommitLastTerm = raftModel('raft-commit-last-term', { ...correctRules, commitTermAtIndex: false })
