/**
 * BUGGY variant of lamport-mutex.ts: the module's rules on a `bag` network, which reorders
 * messages, instead of FIFO channels. An acknowledgement can then overtake a request its sender
 * made before it: the receiver counts the acknowledgement, has not recorded the request, and
 * enters while the other, whose request is earlier, enters too.
 */
import { correctRules, lamportMutexModel } from './lamport-mutex.ts'

export const lamportMutexBag = lamportMutexModel('lamport-mutex-bag', correctRules, 'bag')
