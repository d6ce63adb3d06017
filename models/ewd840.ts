/**
 * EWD 840 — an action-for-action port of Merz's EWD840.tla (tlaplus/Examples,
 * specifications/ewd840/EWD840.tla): Dijkstra, Feijen and van Gasteren's termination detection
 * on a ring of N nodes. A token travels from node N-1 down to node 0; a node that activates a
 * node above it (against the token's direction) turns black, and a black node stains the token.
 * Node 0 concludes that every node is inactive when a white token comes back to it while it is
 * white and inactive itself.
 *
 * Nodes are TLA+'s `0 .. N-1`, kept as numbers (SendMsg compares `j > i`), so `active` and
 * `color` are arrays indexed by node. Init is every type-correct assignment with a black token:
 * 2^N × 2^N × N initial states, as TLC enumerates them.
 *
 * What it leaves out: `TDSpec` (the refinement `Spec ⇒ TD!Spec` of SyncTerminationDetection.tla
 * in EWD840.cfg) is a temporal formula over steps, which a state predicate cannot state; its
 * liveness half, `WF(DetectTermination)`, is what `Liveness` says here, and its safety half
 * follows from `TerminationDetection` and the state detecting termination being terminal.
 * `FalseLiveness` (a □◇ inside a ~>) and `AllNodesTerminateIfNoMessages` (a [A]_vars inside ◇□)
 * are not state-predicate liveness either.
 *
 * A guard that is a disjunction is a step per disjunct that holds, as TLC enumerates it
 * (`because` names the disjunct): InitiateProbe's `tcolor = "black" \/ color[0] = "black"` and
 * PassToken's `~active[i] \/ color[i] = "black" \/ tcolor = "black"`. With one step per guard
 * the generated count is 14,962 at N = 4, 1,024 short of TLC's.
 *
 * Reference counts (TLC, tlaplus/Examples manifest): EWD840_json.cfg (N = 4, SPECIFICATION
 * Spec): 1,566 distinct / 15,986 generated / depth 12, equal here. (The manifest's row for
 * EWD840.cfg, N = 3, 302 / 2,001 / 10, is of an older version of that file.)
 */
import { Steps, always, leadsTo, schema, weakFair } from '../src/index.ts'
import type { Model } from '../src/index.ts'

// ---- constants -------------------------------------------------------------------------------

export type Config = {
  /** N: the number of nodes, 0 .. N-1. */
  readonly n: number
}

// ---- state -----------------------------------------------------------------------------------

export type Color = 'white' | 'black'

export type State = {
  /** active[i]: node i is active. */
  readonly active: readonly boolean[]
  /** color[i]: the colour of node i. */
  readonly color: readonly Color[]
  /** The node that holds the token. */
  readonly tpos: number
  /** The token's colour. */
  readonly tcolor: Color
}

export type Action =
  | { readonly name: 'InitiateProbe'; readonly because: 'tcolor' | 'color0' }
  | { readonly name: 'PassToken'; readonly i: number; readonly because: 'inactive' | 'black' | 'tcolor' }
  | { readonly name: 'SendMsg'; readonly i: number; readonly j: number }
  | { readonly name: 'Deactivate'; readonly i: number }

const nodes = (c: Config): number[] => Array.from({ length: c.n }, (_, i) => i)

/** Every function from the nodes to `values`, in a fixed order. */
function functions<T>(n: number, values: readonly T[]): T[][] {
  let out: T[][] = [[]]
  for (let i = 0; i < n; i++) out = out.flatMap((f) => values.map((v) => [...f, v]))
  return out
}

const except = <T>(xs: readonly T[], i: number, v: T): readonly T[] => (xs[i] === v ? xs : xs.map((x, k) => (k === i ? v : x)))

// ---- init ------------------------------------------------------------------------------------

/** Initially the token is black; the other variables take every type-correct value. */
export function init(c: Config): State[] {
  const out: State[] = []
  for (const active of functions(c.n, [false, true])) {
    for (const color of functions<Color>(c.n, ['white', 'black'])) {
      for (const tpos of nodes(c)) out.push({ active, color, tpos, tcolor: 'black' })
    }
  }
  return out
}

// ---- actions ---------------------------------------------------------------------------------

/** Node 0, holding the token, starts a probe when the token is black, or when it is black
 * itself (`because`: which disjunct of the guard holds): it passes a white token to node N-1 and
 * turns white. */
export function initiateProbe(c: Config, s: State, because: 'tcolor' | 'color0'): State | null {
  // mutants: deleting this guard (node 0 restarts a probe wherever the token is) changes the
  // generated count only (17,394): the state it reaches has the token at N-1, where P0 holds
  // vacuously, and every such state is reachable anyway (distinct 1,566); a restart needs a black
  // token or node, which the next round whitens, so Liveness still holds. TLC's pinned count catches it.
  if (s.tpos !== 0) return null
  if (because === 'tcolor' ? s.tcolor !== 'black' : s.color[0] !== 'black') return null
  return { ...s, tpos: c.n - 1, tcolor: 'white', color: except(s.color, 0, 'white') }
}

/** Node i ≠ 0, holding the token, passes it to i-1 when it is inactive, black, or the token is
 * black (`because`: which disjunct holds); a black node stains the token, and turns white. */
export function passToken(_c: Config, s: State, i: number, because: 'inactive' | 'black' | 'tcolor'): State | null {
  if (s.tpos !== i) return null
  if (because === 'inactive' ? s.active[i] : because === 'black' ? s.color[i] !== 'black' : s.tcolor !== 'black') return null
  return { ...s, tpos: i - 1, tcolor: s.color[i] === 'black' ? 'black' : s.tcolor, color: except(s.color, i, 'white') }
}

/** Active node i activates node j ≠ i; it turns black when j > i (against the token). */
export function sendMsg(_c: Config, s: State, i: number, j: number): State | null {
  // mutants: `i === j` here and `j >= i` for `j > i` below survive, equivalently: `next` offers
  // SendMsg for j ≠ i only (the module's `\E j \in Node \ {i}`), so neither test ever sees j = i.
  if (!s.active[i] || i === j) return null
  return { ...s, active: except(s.active, j, true), color: j > i ? except(s.color, i, 'black') : s.color }
}

/** An active node may become inactive at any moment. */
export function deactivate(_c: Config, s: State, i: number): State | null {
  if (!s.active[i]) return null
  return { ...s, active: except(s.active, i, false) }
}

const PROBE_BECAUSE = ['tcolor', 'color0'] as const
const PASS_BECAUSE = ['inactive', 'black', 'tcolor'] as const

/** Next == System \/ Environment, every witness of every \E (and every disjunct of a guard) its
 * own step. */
export function next(c: Config, s: State): [Action, State][] {
  const out = new Steps<Action, State>()
  for (const because of PROBE_BECAUSE) out.add({ name: 'InitiateProbe', because }, initiateProbe(c, s, because))
  for (const i of nodes(c)) {
    if (i !== 0) for (const because of PASS_BECAUSE) out.add({ name: 'PassToken', i, because }, passToken(c, s, i, because))
  }
  for (const i of nodes(c)) {
    for (const j of nodes(c)) if (j !== i) out.add({ name: 'SendMsg', i, j }, sendMsg(c, s, i, j))
    out.add({ name: 'Deactivate', i }, deactivate(c, s, i))
  }
  return out.list
}

// ---- properties ------------------------------------------------------------------------------

export const typeOK = (c: Config, s: State): boolean =>
  s.active.length === c.n && s.color.length === c.n && Number.isInteger(s.tpos) && s.tpos >= 0 && s.tpos < c.n

/** Node 0 holds a white token, and is white and inactive itself. */
export const terminationDetected = (_c: Config, s: State): boolean =>
  s.tpos === 0 && s.tcolor === 'white' && s.color[0] === 'white' && !s.active[0]

export const allInactive = (_c: Config, s: State): boolean => s.active.every((a) => !a)

/** Dijkstra's inductive invariant: P0 \/ P1 \/ P2. */
export const inv = (c: Config, s: State): boolean =>
  nodes(c).every((i) => !(s.tpos < i) || !s.active[i]) || // P0: every node past the token is inactive
  s.color.slice(0, s.tpos + 1).some((x) => x === 'black') || // P1: a node from 0 to tpos is black
  s.tcolor === 'black' // P2

/** WF_vars(System): the token-passing actions of the detection algorithm are weakly fair. */
export const systemFairness = [weakFair(['InitiateProbe', 'PassToken'], 'System')]

export const ewd840: Model<Config, State, Action> = {
  name: 'ewd840',
  init,
  next,
  properties: [
    always('TypeOK', typeOK),
    always('TerminationDetection', allInactive, { when: terminationDetected }),
    always('Inv', inv),
    leadsTo('Liveness', allInactive, terminationDetected),
  ],
  fairness: systemFairness,
  actions: ['InitiateProbe', 'PassToken', 'SendMsg', 'Deactivate'],
  validate: (c) => (Number.isInteger(c.n) && c.n >= 1 ? undefined : `n must be a whole number ≥ 1, not ${c.n}`),
  schema: (c) =>
    schema.record({
      active: schema.list(schema.bool()),
      color: schema.list(schema.enum('white', 'black')),
      tpos: schema.int(0, c.n - 1),
      tcolor: schema.enum('white', 'black'),
    }),
}
