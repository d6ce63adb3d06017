/**
 * BUGGY variant of chang-roberts.ts: a candidate declares itself won on any id it keeps, not only
 * on its own (`id >= Id[self]` for `id = Id[self]`). The first larger id it swallows makes it the
 * winner while other initiators are still candidates: Correctness is violated.
 */
import { changRobertsModel, correctRules } from './chang-roberts.ts'

export const changRobertsWonOnLarger = changRobertsModel('chang-roberts-won-on-larger', {
  ...correctRules,
  wins: (id, own) => id >= own,
})
