/**
 * BUGGY variant of chang-roberts.ts: a node that has lost forwards only the ids below its own and
 * swallows the others, applying a candidate's comparison where it should only relay. An
 * initiator's id then dies at a non-initiator with a smaller id, and with no other initiator no
 * one is ever elected: Liveness is violated (Correctness still holds: whoever wins is right).
 */
import { changRobertsModel, correctRules } from './chang-roberts.ts'

export const changRobertsRelayFilters = changRobertsModel('chang-roberts-relay-filters', {
  ...correctRules,
  relays: (id, own) => id < own,
})
