/**
 * `--debug`'s check of `Role.ignoresForever` (src/net/actor-types.ts), the claim the harness
 * relies on when it drops a message from a bag network: its receiver ignores it *for good*.
 * Without `--debug` the harness checks the claim only where it drops the message (the delivery
 * there must change nothing); "for good" is the author's argument, which usually rests on more
 * than the node (writes are unique, terms never go back), so it cannot be checked one node at a
 * time. Here it is checked along the search's own paths:
 *
 * - a message dropped on the way to a state is a claim in that state, and the claims of a state
 *   flow to its successors (until the receiver crashes: a bag network loses what is in flight to
 *   a crashed node; not through the receiver's `Crash` step itself either, which with
 *   `restart: 'atomic'` leaves it up);
 * - in every state that holds a claim, delivering the claimed message to its receiver, as it is
 *   there, must change nothing (a handler with `receiveReads` is given that state).
 *
 * The claims of a state are those of every path the search found to it: where a state already
 * expanded gains claims, its successors are computed again (the model's `next`) and the new
 * claims flow on, so once the search ends every claim has been checked in every state it reaches.
 * Limits: states are keyed by their own fingerprint, so under `--symmetry` (or a view) the claims
 * of a state do not reach the one of its orbit (or view) the search expands instead, and on worker
 * threads a thread does not see the claims of states another thread built; a model that wraps
 * the harness's states in its own (specs/three-phase-commit-decisions-final.ts) loses the drops
 * of each step whose state it copies; a checkpoint does not hold the claims, so a resumed run
 * starts without them. There the check covers less, and it never fails a rule that keeps its
 * claim.
 */
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import type { Value } from '../core/value.ts'
import { fingerprintHex } from '../state/fingerprint.ts'
import type { Message } from './message.ts'
import { formatValue, messageLabel } from './message.ts'

/** A role with an `ignoresForever` rule, as the check sees it. */
export type IgnoringRole<M extends Message> = {
  /** The role's field in the state, and its nodes. */
  readonly name: string
  readonly nodes: readonly string[]
  /** What delivering `m` to `node`, in `local`, in the state `s` (which holds `local`), changes:
   * undefined when nothing. */
  changes(s: object, node: string, local: unknown, m: M): string | undefined
}

/** A state's claims: its dropped messages, each with its key. */
type Claims<M> = readonly (readonly [string, M])[]
const NONE: Claims<never> = []

const SHOWN = 160
const show = (v: unknown): string => {
  const t = formatValue(v as Value)
  return t.length > SHOWN ? `${t.slice(0, SHOWN)}…` : t
}

export class IgnoresCheck<M extends Message> {
  private readonly roleOf = new Map<string, IgnoringRole<M>>()
  /** The claims of each state met (by fingerprint), and the states already expanded. */
  private readonly claims = new Map<string, Claims<M>>()
  private readonly expanded = new Set<string>()
  /** The messages dropped while each state was built (by identity: fresh from `next` or `init`). */
  private readonly droppedBy = new WeakMap<object, Claims<M>>()
  private pending: (readonly [string, M])[] = []
  private readonly keys = new WeakMap<object, string>()
  private last: { readonly s: object; readonly k: string } | undefined
  private lastFrom: { readonly s: object; readonly k: string } | undefined

  constructor(
    private readonly model: string,
    roles: readonly IgnoringRole<M>[],
    /** The model's steps from a state (for a state that gains claims once expanded). */
    private readonly successors: (s: object) => Iterable<readonly [Action, object]>,
  ) {
    for (const r of roles) for (const n of r.nodes) this.roleOf.set(n, r)
  }

  /** A state is about to be built: the drops until `built` are its. */
  begin(): void {
    this.pending = []
  }

  /** The harness dropped `m` while building a state. */
  dropped(m: M): void {
    this.pending.push([this.keyOf(m), m])
  }

  /** The state whose drops were reported since `begin`. */
  built(s: object): void {
    if (this.pending.length > 0) this.droppedBy.set(s, this.pending)
    this.pending = []
  }

  /** A step the search took: `from`'s claims and the messages the step dropped are `to`'s;
   * any new to `to` are checked there (and flow on, if `to` was expanded already). */
  step(from: object, action: Action, to: object): string | undefined {
    // (The state expanded keeps its own key cache: each step's target evicts `stateKey`'s.)
    let k = this.lastFrom?.s === from ? this.lastFrom.k : undefined
    if (k === undefined) this.lastFrom = { s: from, k: (k = fingerprintHex(from)) }
    if (!this.expanded.has(k)) {
      // (An initial state's claims are what `init` dropped.)
      this.expanded.add(k)
      this.flow(NONE, undefined, from)
    }
    const work: [Claims<M>, Action, object][] = [[this.claims.get(k) ?? NONE, action, to]]
    for (let item = work.pop(); item !== undefined; item = work.pop()) {
      const [incoming, a, t] = item
      const added = this.flow(incoming, a, t)
      if (added === undefined) continue
      const why = this.deliveredIn(added, a, t)
      if (why !== undefined) return why
      if (this.expanded.has(this.stateKey(t))) for (const [b, u] of this.successors(t)) work.push([added, b, u])
    }
    return undefined
  }

  /** Records `incoming` (reached `t` by `a`) and `t`'s own drops as claims of `t`: those it did
   * not hold yet. */
  private flow(incoming: Claims<M>, a: Action | undefined, t: object): Claims<M> | undefined {
    const own = this.droppedBy.get(t) ?? NONE
    if (incoming.length === 0 && own.length === 0) return undefined
    const k = this.stateKey(t)
    const held = this.claims.get(k) ?? NONE
    const down: readonly string[] = (t as { readonly net?: { readonly down?: readonly string[] } }).net?.down ?? []
    // A crash loses what is in flight to its node, even where it restarts in the same step.
    const crashed = a?.name === 'Crash' ? (a as { readonly node?: unknown }).node : undefined
    let added: (readonly [string, M])[] | undefined
    for (const c of [incoming, own]) {
      for (const claim of c) {
        if (down.includes(claim[1].to) || claim[1].to === crashed || held.some((h) => h[0] === claim[0]) || added?.some((h) => h[0] === claim[0])) continue
        ;(added ??= []).push(claim)
      }
    }
    if (added === undefined) return undefined
    this.claims.set(k, [...held, ...added])
    return added
  }

  /** Each claim of `added`, delivered in `t` (reached by `a`): it must change nothing. */
  private deliveredIn(added: Claims<M>, a: Action, t: object): string | undefined {
    for (const [, m] of added) {
      const role = this.roleOf.get(m.to)
      if (role === undefined) continue
      const y = (t as Record<string, Readonly<Record<string, unknown>>>)[role.name]?.[m.to]
      const what = role.changes(t, m.to, y, m)
      if (what !== undefined) {
        return `actor model ${this.model}: ignoresForever said ${m.to} ignores ${messageLabel(m)} for good, and it was dropped, but after ${actionLabel(a)}, with ${m.to} in ${show(y)}, delivering it changes ${what}`
      }
    }
    return undefined
  }

  private keyOf(m: M): string {
    let k = this.keys.get(m)
    if (k === undefined) this.keys.set(m, (k = fingerprintHex(m)))
    return k
  }

  private stateKey(s: object): string {
    if (this.last !== undefined && this.last.s === s) return this.last.k
    const k = fingerprintHex(s)
    this.last = { s, k }
    return k
  }
}
