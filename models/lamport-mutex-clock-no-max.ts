/**
 * BUGGY variant of lamport-mutex.ts: a process that receives a request advances its clock by one
 * and ignores the request's stamp (`clock' = clock[p] + 1`, not `IF c > clock[p] THEN c + 1 ELSE
 * @ + 1`). Its clock may then stay below a stamp it has acknowledged, and its own later request
 * is stamped earlier than one that was made before it: the earlier requester, which has every
 * acknowledgement and has not yet seen the later request, enters, and so does the later one once
 * it has its acknowledgements, its stamp being the smaller.
 */
import { correctRules, lamportMutexModel } from './lamport-mutex.ts'

export const lamportMutexClockNoMax = lamportMutexModel('lamport-mutex-clock-no-max', {
  ...correctRules,
  clockAfter: (_stamp, clock) => clock + 1,
})
