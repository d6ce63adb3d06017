/**
 * BUGGY variant of raft.ts: the commit quorum is off by one (`floor(n / 2)` servers instead of `floor(n / 2) + 1`): on
 * 3 servers a leader commits an entry it holds alone. A leader of the next term, elected by the
 * two others, lacks it: Leader Completeness is violated.
 *
 * The same off-by-one in the *election* quorum is equivalent on 3 servers in this model: a
 * candidate is counted when a vote arrives, so it has its own vote and one more (2, a majority)
 * either way. It would show with a candidate that wins on its own vote at Timeout, or on 4 or
 * more servers.
 */
import { correctRules, raftModel } from './raft.ts'

export const raftCommitMinority = raftModel('raft-commit-minority', { ...correctRules, commitQuorumOffset: -1 })
