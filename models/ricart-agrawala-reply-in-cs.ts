/**
 * BUGGY variant of ricart-agrawala.ts: a process in its critical section replies to a request at
 * once instead of deferring it (it defers only while waiting). The requester then has every reply
 * and enters beside it.
 */
import { correctRules, ricartAgrawalaModel } from './ricart-agrawala.ts'

export const ricartAgrawalaReplyInCs = ricartAgrawalaModel('ricart-agrawala-reply-in-cs', {
  ...correctRules,
  defers: (phase, ownFirst) => phase === 'waiting' && ownFirst,
})
