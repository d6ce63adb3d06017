/**
 * Scheduling allocator — an action-for-action port of Merz's SchedulingAllocator.tla
 * (tlaplus/Examples, specifications/allocator/SchedulingAllocator.tla). Clients request sets of
 * resources once all their earlier requests are satisfied and they hold nothing; the allocator
 * puts the clients with pending requests into a schedule (a sequence) and may allocate a free
 * resource to a scheduled client as long as no client earlier in the schedule asks for it;
 * clients may return resources at any time, and must return them once their request is satisfied.
 *
 * Every witness of every `\E` is a step of its own, as TLC enumerates them: `\E c, S \in SUBSET
 * Resources` for Request, Allocate and Return, the schedule position `i` of Allocate, and each
 * permutation of `PermSeqs(toSchedule)` for Schedule.
 *
 * Fairness `WF_vars(unsat[c] = {} /\ Return(c, alloc[c]))` names one instance of Return, chosen
 * by the state; a group is a predicate over the action alone, so a Return step carries `whole`:
 * it returns everything the client holds, with nothing left to request.
 *
 * What it leaves out: nothing of the module. `Symmetry == Permutations(Resources)` is not used
 * (the counts below are TLC's without it).
 */
import { Steps, always, alwaysEventually, leadsTo, schema, setHas, setIsSubset, setOf, setUnion, weakFair } from '../src/index.ts'
import type { Fairness, Model, SetOf } from '../src/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  readonly clients: readonly string[]
  readonly resources: readonly string[]
}

// ---- state -----------------------------------------------------------------------------------

export type State = {
  /** unsat[c]: the outstanding requests of client c. */
  readonly unsat: Readonly<Record<string, SetOf<string>>>
  /** alloc[c]: the resources allocated to client c. */
  readonly alloc: Readonly<Record<string, SetOf<string>>>
  /** The schedule, a sequence of clients. */
  readonly sched: readonly string[]
}

export type Action =
  | { readonly name: 'Request'; readonly c: string; readonly S: SetOf<string> }
  | { readonly name: 'Allocate'; readonly c: string; readonly S: SetOf<string>; readonly i: number }
  | { readonly name: 'Return'; readonly c: string; readonly S: SetOf<string>; readonly whole: boolean }
  | { readonly name: 'Schedule'; readonly sq: readonly string[] }

const minus = (a: SetOf<string>, b: SetOf<string>): SetOf<string> => setOf(...a.filter((x) => !setHas(b, x)))
const union = (a: SetOf<string>, b: SetOf<string>): SetOf<string> => setUnion(a, b)
const disjoint = (a: SetOf<string>, b: SetOf<string>): boolean => !a.some((x) => setHas(b, x))
const sameSet = (a: SetOf<string>, b: SetOf<string>): boolean => a.length === b.length && setIsSubset(a, b)

/** SUBSET S, in a fixed order. */
function subsets(xs: readonly string[]): SetOf<string>[] {
  let out: string[][] = [[]]
  for (const x of xs) out = out.flatMap((s) => [s, [...s, x]])
  return out.map((s) => setOf(...s))
}

/** PermSeqs(S): every ordering of S. */
function permutations(xs: readonly string[]): string[][] {
  if (xs.length === 0) return [[]]
  return xs.flatMap((x, k) => permutations([...xs.slice(0, k), ...xs.slice(k + 1)]).map((p) => [x, ...p]))
}

/** Resources not allocated to any client. */
const available = (c: Config, s: State): SetOf<string> =>
  setOf(...c.resources.filter((r) => c.clients.every((cl) => !setHas(s.alloc[cl]!, r))))

/** Clients with pending requests that are not in the schedule. */
const toSchedule = (c: Config, s: State): string[] => c.clients.filter((cl) => s.unsat[cl]!.length > 0 && !s.sched.includes(cl))

// ---- init ------------------------------------------------------------------------------------

export const init = (c: Config): State => ({
  unsat: Object.fromEntries(c.clients.map((cl) => [cl, setOf<string>()])),
  alloc: Object.fromEntries(c.clients.map((cl) => [cl, setOf<string>()])),
  sched: [],
})

// ---- actions ---------------------------------------------------------------------------------

/** Client cl, with nothing outstanding and nothing held, requests the non-empty set S. */
export function request(_c: Config, s: State, cl: string, S: SetOf<string>): State | null {
  if (s.unsat[cl]!.length > 0 || s.alloc[cl]!.length > 0 || S.length === 0) return null
  return { ...s, unsat: { ...s.unsat, [cl]: S } }
}

/** The allocator gives cl the available resources S it asks for, cl being at position i of the
 * schedule and no client before it asking for any of S; cl leaves the schedule once satisfied. */
export function allocate(c: Config, s: State, cl: string, S: SetOf<string>, i: number): State | null {
  if (S.length === 0) return null
  const avail = available(c, s)
  if (!S.every((r) => setHas(avail, r) && setHas(s.unsat[cl]!, r))) return null
  if (s.sched[i] !== cl) return null
  for (let j = 0; j < i; j++) if (!disjoint(s.unsat[s.sched[j]!]!, S)) return null
  const sched = sameSet(S, s.unsat[cl]!) ? [...s.sched.slice(0, i), ...s.sched.slice(i + 1)] : s.sched
  return { unsat: { ...s.unsat, [cl]: minus(s.unsat[cl]!, S) }, alloc: { ...s.alloc, [cl]: union(s.alloc[cl]!, S) }, sched }
}

/** Client cl returns the non-empty set S of resources it holds. */
export function returnResources(_c: Config, s: State, cl: string, S: SetOf<string>): State | null {
  if (S.length === 0 || !setIsSubset(S, s.alloc[cl]!)) return null
  return { ...s, alloc: { ...s.alloc, [cl]: minus(s.alloc[cl]!, S) } }
}

/** The allocator appends the clients to schedule, in the order sq. */
export function schedule(c: Config, s: State, sq: readonly string[]): State | null {
  if (toSchedule(c, s).length === 0) return null
  return { ...s, sched: [...s.sched, ...sq] }
}

export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  const all = subsets(c.resources)
  for (const cl of c.clients) {
    for (const S of all) {
      out.add({ name: 'Request', c: cl, S }, request(c, s, cl, S))
      for (let i = 0; i < s.sched.length; i++) out.add({ name: 'Allocate', c: cl, S, i: i + 1 }, allocate(c, s, cl, S, i))
      // mutants: without `unsat = {}` the fairness of Return grows stronger (a client would have to
      // return everything while still waiting); the module's theorems hold under the weaker one, so
      // they hold under it too and no property can fail: it survives, equivalent for verdicts.
      const whole = s.unsat[cl]!.length === 0 && sameSet(S, s.alloc[cl]!)
      out.add({ name: 'Return', c: cl, S, whole }, returnResources(c, s, cl, S))
    }
  }
  for (const sq of permutations(toSchedule(c, s))) out.add({ name: 'Schedule', sq }, schedule(c, s, sq))
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

export const typeInvariant = (c: Config, s: State): boolean =>
  c.clients.every((cl) => s.unsat[cl]!.every((r) => c.resources.includes(r)) && s.alloc[cl]!.every((r) => c.resources.includes(r))) &&
  s.sched.every((cl) => c.clients.includes(cl))

/** Resources are allocated exclusively. */
export const resourceMutex = (c: Config, s: State): boolean =>
  c.clients.every((c1) => c.clients.every((c2) => c1 === c2 || disjoint(s.alloc[c1]!, s.alloc[c2]!)))

/** The resources available to the client at position i once those before it are satisfied. */
function prevResources(c: Config, s: State, i: number): SetOf<string> {
  let out = available(c, s)
  for (let j = 0; j < i; j++) out = union(out, union(s.unsat[s.sched[j]!]!, s.alloc[s.sched[j]!]!))
  for (const cl of c.clients) if (!s.sched.includes(cl)) out = union(out, s.alloc[cl]!)
  return out
}

/** The module's AllocatorInvariant, its four conjuncts. */
export const allocatorInvariant = (c: Config, s: State): boolean =>
  s.sched.every((cl) => s.unsat[cl]!.length > 0) &&
  toSchedule(c, s).every((cl) => s.unsat[cl]!.length > 0) &&
  s.sched.every((ci, i) => s.sched.slice(0, i).every((cj) => disjoint(s.alloc[ci]!, s.unsat[cj]!))) &&
  s.sched.every((ci, i) => setIsSubset(s.unsat[ci]!, prevResources(c, s, i)))

/** The module's liveness assumptions: WF(unsat[c] = {} /\ Return(c, alloc[c])) and
 * WF(\E S : Allocate(c, S)) for each client, and WF(Schedule). */
export const allocatorFairness = (c: Config): Fairness[] => [
  ...c.clients.map((cl) => weakFair((a) => a.name === 'Return' && (a as Action & { name: 'Return' }).c === cl && (a as Action & { name: 'Return' }).whole, `Return(${cl}, alloc[${cl}])`)),
  ...c.clients.map((cl) => weakFair((a) => a.name === 'Allocate' && (a as Action & { name: 'Allocate' }).c === cl, `Allocate(${cl})`)),
  weakFair('Schedule'),
]

/** ClientsWillReturn, ClientsWillObtain and InfOftenSatisfied, one property per client (and
 * resource): each is a conjunction over them in the module (`propertiesFor`). */
export const livenessProperties = (clients: readonly string[], resources: readonly string[]) => [
  ...clients.map((cl) => leadsTo<Config, State>(`ClientsWillReturn(${cl})`, (_c, s) => s.unsat[cl]!.length === 0, (_c, s) => s.alloc[cl]!.length === 0)),
  ...clients.flatMap((cl) =>
    resources.map((r) => leadsTo<Config, State>(`ClientsWillObtain(${cl}, ${r})`, (_c, s) => setHas(s.unsat[cl]!, r), (_c, s) => setHas(s.alloc[cl]!, r))),
  ),
  ...clients.map((cl) => alwaysEventually<Config, State>(`InfOftenSatisfied(${cl})`, (_c, s) => s.unsat[cl]!.length === 0)),
]

export const schedulingAllocator: Model<Config, State, Action> = {
  name: 'scheduling-allocator',
  init: (c) => [init(c)],
  next,
  properties: [always('TypeInvariant', typeInvariant), always('ResourceMutex', resourceMutex), always('AllocatorInvariant', allocatorInvariant)],
  // The liveness theorems quantify over the clients (and resources): one property each.
  propertiesFor: (c) => livenessProperties(c.clients, c.resources),
  fairness: allocatorFairness,
  actions: ['Request', 'Allocate', 'Return', 'Schedule'],
  schema: (c) =>
    schema.record({
      unsat: schema.mapOf(c.clients, schema.setOf(schema.enum(...c.resources))),
      alloc: schema.mapOf(c.clients, schema.setOf(schema.enum(...c.resources))),
      sched: schema.list(schema.enum(...c.clients)),
    }),
}
