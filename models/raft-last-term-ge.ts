/**
 * BUGGY variant of raft.ts: a term comparison `>=` where `>` is meant: in the up-to-date check a vote is granted when
 * the candidate's last log term is *at least* the voter's, whatever the lengths, so a candidate
 * whose last entry has the voter's term but whose log is shorter wins. It lacks a committed entry:
 * Leader Completeness is violated. Needs two entries of one term (two-entry logs).
 */
import { correctRules, raftModel } from './raft.ts'

export const raftLastTermGe = raftModel('raft-last-term-ge', { ...correctRules, strictLastTerm: false })
