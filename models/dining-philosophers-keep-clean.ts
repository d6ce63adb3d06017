/**
 * BUGGY variant of dining-philosophers.ts: eating leaves the forks clean. The module's comment
 * says why they must turn dirty ("Eating causes a fork to become dirty, after which the
 * philosopher must clean the fork and hand it to their neighbor"): a philosopher hands over only
 * dirty forks, so one who keeps its forks clean keeps them for good, eats again and again, and its
 * neighbours starve. Mutual exclusion still holds (the forks still decide who eats).
 */
import { at, diningPhilosophersModel, except } from './dining-philosophers.ts'
import type { Config, State } from './dining-philosophers.ts'

/** Eat(self) without dirtying the forks. */
export function eatKeepClean(_c: Config, s: State, self: number): State | null {
  if (at(s.pc, self) !== 'Eat') return null
  return { ...s, hungry: except(s.hungry, self, false), pc: except(s.pc, self, 'Loop') }
}

export const diningPhilosophersKeepClean = diningPhilosophersModel('dining-philosophers-keep-clean', eatKeepClean)
