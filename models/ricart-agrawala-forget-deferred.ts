/**
 * BUGGY variant of ricart-agrawala.ts: a process leaving its critical section sends none of the
 * replies it deferred there. Mutex still holds; a process whose request was deferred waits for
 * ever for the missing reply.
 */
import { correctRules, ricartAgrawalaModel } from './ricart-agrawala.ts'

export const ricartAgrawalaForgetDeferred = ricartAgrawalaModel('ricart-agrawala-forget-deferred', {
  ...correctRules,
  repliesOnExit: () => [],
})
