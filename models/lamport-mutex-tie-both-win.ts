/**
 * BUGGY variant of lamport-mutex.ts: beats(p, q) reads a tie of stamps as p's win whichever
 * process has the smaller number (`req[p][p] <= req[p][q]`, without the tie-break `p < q`). Two
 * processes that request with equal clocks each believe they come first.
 */
import { correctRules, lamportMutexModel } from './lamport-mutex.ts'

export const lamportMutexTieBothWin = lamportMutexModel('lamport-mutex-tie-both-win', {
  ...correctRules,
  beatsRecorded: (own, theirs) => own <= theirs,
})
