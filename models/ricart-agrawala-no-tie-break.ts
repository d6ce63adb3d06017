/**
 * BUGGY variant of ricart-agrawala.ts: a request is compared by its stamp alone, without the
 * tie-break by process number. Two processes that request with equal stamps each find the other's
 * request not after its own, each reply at once, and both enter.
 */
import { correctRules, ricartAgrawalaModel } from './ricart-agrawala.ts'

export const ricartAgrawalaNoTieBreak = ricartAgrawalaModel('ricart-agrawala-no-tie-break', {
  ...correctRules,
  precedes: (own, theirs) => own < theirs,
})
