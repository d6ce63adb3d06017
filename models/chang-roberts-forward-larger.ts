/**
 * BUGGY variant of chang-roberts.ts: a candidate that receives an id larger than its own forwards
 * it (staying a candidate) instead of swallowing it, as a relay does. A larger id then comes back
 * round to its owner, which declares itself won while a smaller initiator is still a candidate:
 * Correctness is violated. No node swallows the largest initiator's id any more either, so once
 * its owner has lost, that id goes round the ring for ever: each node keeps taking a step (so
 * WF per node holds) while the smaller ids wait, and Liveness is violated too.
 */
import { changRobertsModel, correctRules } from './chang-roberts.ts'

export const changRobertsForwardLarger = changRobertsModel('chang-roberts-forward-larger', {
  ...correctRules,
  forwardsAbove: (id, own) => id > own,
})
