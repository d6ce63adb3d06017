/**
 * Dining philosophers, the Chandy–Misra solution — an action-for-action port of Hemphill's
 * DiningPhilosophers.tla (tlaplus/Examples, specifications/DiningPhilosophers), the TLA+ that
 * its PlusCal algorithm translates to. NP philosophers sit on a ring; fork f lies between
 * philosopher f (whose LeftFork it is) and philosopher f - 1 (whose RightFork it is).
 * A fork is held by one of its two philosophers and is clean or dirty. A philosopher hands a
 * dirty fork it holds to the neighbour on that side, cleaning it; a hungry philosopher holding
 * both its forks, both clean, eats, which dirties them; a sated one thinks and is hungry again.
 *
 * Philosophers and forks are TLA+'s `1 .. NP`, kept as numbers (the module compares `p = NP`
 * and computes `p + 1`); the functions over them are arrays, index p - 1, read through `at`.
 * Traces show those arrays as they are, from 0: `pc[1]` in a trace is philosopher 2's.
 * `pc` is PlusCal's program counter: each philosopher is always at exactly one of the labels
 * Loop, Eat, Think, so every state has NP enabled steps, one per philosopher (a Loop that hands
 * no fork over and cannot eat is a step back to the same state, counted as TLC counts it).
 *
 * Fairness: the module's `\A self \in 1..NP : WF_vars(Philosopher(self))`, one weakly fair
 * group per philosopher (its Loop, Eat and Think). Its `NobodyStarves`, `\A p : []<>(~hungry[p])`,
 * is one `alwaysEventually` per philosopher (`propertiesFor`).
 *
 * What it leaves out: nothing of the module. There is no symmetry to reduce: the initial
 * holders (fork 2 held by philosopher 1, every other fork f by f) single out philosopher 1, so
 * not even the ring's rotations map the initial state to itself.
 *
 * Reference counts (TLC, tlaplus/Examples manifest): DiningPhilosophers.cfg, NP = 5: 67
 * distinct / 336 generated / depth 29, equal here (336 = 67 × 5 + 1: one step per philosopher
 * in every state, and the initial state).
 */
import { Steps, always, alwaysEventually, schema, sometimes, weakFair } from '../src/index.ts'
import type { Model } from '../src/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  /** NP: the number of philosophers (and forks), 1 .. NP. */
  readonly np: number
}

// ---- state -----------------------------------------------------------------------------------

export type Fork = { readonly holder: number; readonly clean: boolean }
export type Label = 'Loop' | 'Eat' | 'Think'

export type State = {
  /** forks[f]: who holds fork f, and whether it is clean (index f - 1). */
  readonly forks: readonly Fork[]
  /** hungry[p]: the process variable `hungry` of philosopher p (index p - 1). */
  readonly hungry: readonly boolean[]
  /** pc[p]: the label philosopher p is at (index p - 1). */
  readonly pc: readonly Label[]
}

export type Action = { readonly name: Label; readonly self: number }

export const philosophers = (c: Config): number[] => Array.from({ length: c.np }, (_, i) => i + 1)

/** xs[p] of TLA+'s 1-based function, from the 0-based array. */
export const at = <T>(xs: readonly T[], p: number): T => xs[p - 1] as T

/** [xs EXCEPT ![p] = v], 1-based. */
export const except = <T>(xs: readonly T[], p: number, v: T): readonly T[] => xs.map((x, k) => (k === p - 1 ? v : x))

// ---- init ------------------------------------------------------------------------------------

/** Each fork is held by the lower-numbered philosopher beside it (fork 2 by 1, fork f by f
 * otherwise), dirty; every philosopher is hungry, at Loop. */
export function init(c: Config): State[] {
  const ps = philosophers(c)
  return [
    {
      forks: ps.map((f) => ({ holder: f === 2 ? 1 : f, clean: false })),
      hungry: ps.map(() => true),
      pc: ps.map((): Label => 'Loop'),
    },
  ]
}

// ---- actions ---------------------------------------------------------------------------------

// The module's define block (inside the protocol part, where bench/mutants.ts mutates it too).

export const leftFork = (_c: Config, p: number): number => p
export const rightFork = (c: Config, p: number): number => (p === c.np ? 1 : p + 1)
export const leftPhilosopher = (c: Config, p: number): number => (p === 1 ? c.np : p - 1)
export const rightPhilosopher = (c: Config, p: number): number => (p === c.np ? 1 : p + 1)

export const isHoldingBothForks = (c: Config, s: State, p: number): boolean =>
  at(s.forks, leftFork(c, p)).holder === p && at(s.forks, rightFork(c, p)).holder === p
export const bothForksAreClean = (c: Config, s: State, p: number): boolean =>
  at(s.forks, leftFork(c, p)).clean && at(s.forks, rightFork(c, p)).clean
export const canEat = (c: Config, s: State, p: number): boolean => isHoldingBothForks(c, s, p) && bothForksAreClean(c, s, p)

/** Loop(self): hand over the left fork if self holds it dirty, else the right one if so (each
 * cleaned on the way); then go to Eat if hungry and able to eat, stay at Loop if hungry and
 * not, or go to Think if sated. */
export function loop(c: Config, s: State, self: number): State | null {
  if (at(s.pc, self) !== 'Loop') return null
  const left = at(s.forks, leftFork(c, self))
  const right = at(s.forks, rightFork(c, self))
  let forks = s.forks
  if (left.holder === self && !left.clean) {
    forks = except(forks, leftFork(c, self), { holder: leftPhilosopher(c, self), clean: true })
  } else if (right.holder === self && !right.clean) {
    forks = except(forks, rightFork(c, self), { holder: rightPhilosopher(c, self), clean: true })
  }
  // The PlusCal reads `CanEat(self)` after the handover above, but its translation (what TLC
  // checks) evaluates that define-block operator on the unprimed `forks`: the state before it.
  // Either way a philosopher that hands a fork over cannot eat (the fork was dirty before, and
  // is not held after), so the two readings give the same steps.
  const to: Label = at(s.hungry, self) ? (canEat(c, s, self) ? 'Eat' : 'Loop') : 'Think'
  return { ...s, forks, pc: except(s.pc, self, to) }
}

/** Think(self): the philosopher is hungry again. */
export function think(_c: Config, s: State, self: number): State | null {
  if (at(s.pc, self) !== 'Think') return null
  return { ...s, hungry: except(s.hungry, self, true), pc: except(s.pc, self, 'Loop') }
}

/** Eat(self): the philosopher eats, and both its forks become dirty. */
export function eat(c: Config, s: State, self: number): State | null {
  if (at(s.pc, self) !== 'Eat') return null
  let forks = except(s.forks, leftFork(c, self), { ...at(s.forks, leftFork(c, self)), clean: false })
  forks = except(forks, rightFork(c, self), { ...at(forks, rightFork(c, self)), clean: false })
  return { forks, hungry: except(s.hungry, self, false), pc: except(s.pc, self, 'Loop') }
}

export type EatAction = typeof eat

/** Next == \E self \in 1..NP : Loop(self) \/ Think(self) \/ Eat(self), with `eatAction` as Eat
 * (a buggy variant gives its own). */
export const nextWith =
  (eatAction: EatAction) =>
  (c: Config, s: State): [Action, State][] => {
    const out = new Steps<Action, State>()
    for (const self of philosophers(c)) {
      out.add({ name: 'Loop', self }, loop(c, s, self))
      out.add({ name: 'Think', self }, think(c, s, self))
      out.add({ name: 'Eat', self }, eatAction(c, s, self))
    }
    return out.list
  }

export const next = nextWith(eat)

// ---- properties ------------------------------------------------------------------------------

/** TypeOK: forks \in [1..NP -> [holder: 1..NP, clean: BOOLEAN]], hungry \in [1..NP -> BOOLEAN],
 * pc \in [1..NP -> {"Loop", "Eat", "Think"}]. */
export const typeOK = (c: Config, s: State): boolean =>
  s.forks.length === c.np &&
  s.forks.every((f) => Number.isInteger(f.holder) && f.holder >= 1 && f.holder <= c.np && typeof f.clean === 'boolean') &&
  s.hungry.length === c.np &&
  s.hungry.every((h) => typeof h === 'boolean') &&
  s.pc.length === c.np &&
  s.pc.every((l) => l === 'Loop' || l === 'Eat' || l === 'Think')

/** ShareFork(p, q): philosophers p and q have a fork in common. */
export const shareFork = (c: Config, p: number, q: number): boolean => {
  const fp = [leftFork(c, p), rightFork(c, p)]
  return [leftFork(c, q), rightFork(c, q)].some((f) => fp.includes(f))
}

/** ExclusiveAccess: two philosophers who share a fork are not both at Eat. */
export const exclusiveAccess = (c: Config, s: State): boolean =>
  philosophers(c).every((p) =>
    philosophers(c).every((q) => p === q || !shareFork(c, p, q) || !(at(s.pc, p) === 'Eat' && at(s.pc, q) === 'Eat')),
  )

const someoneAtEat = (_c: Config, s: State): boolean => s.pc.includes('Eat')

/** WF_vars(Philosopher(self)) for each philosopher: its Loop, Eat and Think together. */
export const philosopherFairness = (c: Config) =>
  philosophers(c).map((p) => weakFair((a) => (a as Action).self === p, `Philosopher(${p})`))

/** NobodyStarves == \A p \in 1..NP : []<>(~hungry[p]), one property per philosopher. */
export const nobodyStarves = (c: Config) =>
  philosophers(c).map((p) => alwaysEventually<Config, State>(`NobodyStarves(${p})`, (_c, s) => !at(s.hungry, p)))

/** The model with `eatAction` as Eat: the module's `eat`, or a buggy variant's. */
export const diningPhilosophersModel = (name: string, eatAction: EatAction): Model<Config, State, Action> => ({
  name,
  init,
  next: nextWith(eatAction),
  properties: [
    always('TypeOK', typeOK),
    // Its situation: a philosopher at Eat (the witness says one is reached).
    always('ExclusiveAccess', exclusiveAccess, { when: someoneAtEat }),
    sometimes('SomeoneEats', someoneAtEat),
  ],
  propertiesFor: nobodyStarves,
  fairness: philosopherFairness,
  actions: ['Loop', 'Eat', 'Think'],
  validate: (c) => (Number.isInteger(c.np) && c.np >= 1 ? undefined : `np must be a whole number ≥ 1 (the module's NP \\in Nat \\ {0}), not ${c.np}`),
  schema: (c) =>
    schema.record({
      forks: schema.list(schema.record({ holder: schema.int(1, c.np), clean: schema.bool() })),
      hungry: schema.list(schema.bool()),
      pc: schema.list(schema.enum('Loop', 'Eat', 'Think')),
    }),
})

export const diningPhilosophers = diningPhilosophersModel('dining-philosophers', eat)
