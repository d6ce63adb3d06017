/**
 * Toy models for the liveness tests: a state is a node number, each edge an action `{ name }`.
 * The expected verdicts in the tests are worked out by hand from these little graphs.
 */
import { defineSpec, eventually, leadsTo, alwaysEventually } from '../../../src/index.ts'
import type { AnySpec, Fairness, Model, Property } from '../../../src/index.ts'

/** `[from, action, to]` */
export type Edge = readonly [number, string, number]

export interface ToyState {
  readonly n: number
}

export function toyModel(edges: readonly Edge[], properties: readonly Property<null, ToyState>[], inits: readonly number[] = [0]): Model<null, ToyState> {
  return {
    name: 'toy',
    init: () => inits.map((n) => ({ n })),
    next: (_c, s) => edges.filter(([f]) => f === s.n).map(([, a, t]) => [{ name: a }, { n: t }] as const),
    properties,
  }
}

export function toySpec(
  edges: readonly Edge[],
  property: Property<null, ToyState>,
  fairness: readonly Fairness[],
  inits: readonly number[] = [0],
): AnySpec {
  return defineSpec({ name: 'toy', model: toyModel(edges, [property], inits), config: null, fairness }) as AnySpec
}

export const reaches = (goal: number): Property<null, ToyState> => eventually(`Reaches${goal}`, (_c, s) => s.n === goal)
export const inSet = (name: string, set: readonly number[]): Property<null, ToyState> => eventually(name, (_c, s) => set.includes(s.n))
export const leads = (from: number, to: number): Property<null, ToyState> =>
  leadsTo(`${from}~>${to}`, (_c, s) => s.n === from, (_c, s) => s.n === to)
export const infinitelyOften = (goal: number): Property<null, ToyState> =>
  alwaysEventually(`AlwaysEventually${goal}`, (_c, s) => s.n === goal)
