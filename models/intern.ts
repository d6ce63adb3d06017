/**
 * One shared instance per distinct plain record (messages, votes). Set helpers compare records
 * by identity first and cache each instance's sorted keys, so models that build the same message
 * over and over run markedly faster when they intern it. Purely an optimisation: an interned
 * record equals the one passed in.
 */
import type { Value } from '../src/index.ts'

const table = new Map<string, Value>()
const LIMIT = 1 << 18

export function interned<T extends Value>(v: T): T {
  const key = JSON.stringify(v)
  const found = table.get(key)
  if (found !== undefined) return found as T
  if (table.size >= LIMIT) table.clear()
  table.set(key, v)
  return v
}

/**
 * The message `{ from, to, type }`, or `{ from, to, type, yes }` for a vote, one shared instance
 * per distinct one (the commit protocols' messages): found by three map lookups, where `interned`
 * builds a key string. Sharing matters more than it looks: the harness keeps one delivery action
 * and label per message object, the bag compares by identity first, and the fingerprint reuses a
 * message's hash.
 */
export function envelope<M extends { readonly from: string; readonly to: string; readonly type: string }>(from: string, to: string, type: M['type'], yes?: boolean): M {
  return envelopes(from, to, yes === undefined ? type : `${type}|${yes}`) as M
}
const envelopes = perLink((from: string, to: string, k: string): object => {
  const bar = k.indexOf('|')
  return bar < 0 ? { from, to, type: k } : { from, to, type: k.slice(0, bar), yes: k.slice(bar + 1) === 'true' }
})

/**
 * A table of shared messages by link: `at(from, to, key)` is the one instance `make(from, to,
 * key)` made for that link and key, found by three map lookups (no key string per call). `key`
 * stands for the rest of the message, and `make` builds the message it stands for, so two keys
 * must never make equal messages (a model's code for its message's type and fields). The table
 * keeps every message asked for.
 */
export function perLink<K, M>(make: (from: string, to: string, key: K) => M): (from: string, to: string, key: K) => M {
  const table = new Map<string, Map<string, Map<K, M>>>()
  return (from, to, key) => {
    let byTo = table.get(from)
    if (byTo === undefined) table.set(from, (byTo = new Map()))
    let byKey = byTo.get(to)
    if (byKey === undefined) byTo.set(to, (byKey = new Map()))
    let m = byKey.get(key)
    if (m === undefined) byKey.set(key, (m = make(from, to, key)))
    return m
  }
}

/**
 * `f(x, k)` remembered per `x` and `k`, both by identity: for a pure function of a node's state
 * and a message (a handler), where states and messages are shared instances (`interned`, the
 * harness's structural sharing, the thread codec's decoding), so most calls are asked before.
 * Purely an optimisation: the outcome it returns is the one `f` returned for the same arguments,
 * and outcomes are never mutated. Entries live as long as the state `x` they hang off, and an
 * outcome keeps the next state alive, so a chain of memoized steps lives as long as its first
 * state (a model's initial acceptors: the whole run). multi-paxos's peak RSS still fell (225-261
 * to 186-191 MB at `instances=3`, docs/performance.md); a model with many more node states per
 * run would want a bounded table instead.
 */
export function memoized<X extends object, K, R>(f: (x: X, k: K) => R): (x: X, k: K) => R {
  const byState = new WeakMap<X, Map<K, R>>()
  return (x, k) => {
    let byKey = byState.get(x)
    if (byKey === undefined) byState.set(x, (byKey = new Map()))
    let r = byKey.get(k)
    if (r === undefined && !byKey.has(k)) byKey.set(k, (r = f(x, k)))
    return r as R
  }
}

/**
 * `f(c, x)` remembered for the last `c` and `x` asked about, both by identity: for a value that
 * several properties derive from one part of a state in a row (the participants' states of a
 * commit protocol), where a step that leaves the part as it was shares it with its parent. One
 * entry, so it holds nothing beyond the last part; values are immutable, so the answer kept for
 * an object stays its answer.
 */
export function lastAnswer<C extends object, X extends object, R>(f: (c: C, x: X) => R): (c: C, x: X) => R {
  let lastC: C | undefined
  let lastX: X | undefined
  let last: R
  return (c, x) => {
    if (x !== lastX || c !== lastC) {
      last = f(c, x)
      lastC = c
      lastX = x
    }
    return last
  }
}

/** `make(key)` made once per key object (a configuration) and kept while the key lives: what a
 * model derives from its configuration and asks for in every state. */
export function perKey<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>()
  return (key) => {
    let v = made.get(key)
    if (v === undefined) made.set(key, (v = make(key)))
    return v
  }
}

/**
 * The parameters `{ to, label }` of a step that sends `m` (the commit protocols' `Send`), one
 * frozen instance per message instance: the harness finds a frozen parameter object's action by
 * identity (`LocalAction.params`), where a fresh one costs a label and a key string per step.
 * For interned messages (`envelope`) only: the table keeps every message it is asked about.
 */
export function sendParams<M extends { readonly to: string }>(m: M, label: (m: M) => string): Readonly<{ to: string; label: string }> {
  let p = sends.get(m)
  if (p === undefined) sends.set(m, (p = Object.freeze({ to: m.to, label: label(m) })))
  return p
}
const sends = new Map<object, Readonly<{ to: string; label: string }>>()

/**
 * A commit protocol's `Send` choices for coordinator `n` in state `x`: the shared parameters
 * (`sendParams`) of `message(n, x, p)` for each participant p of `outbox` (none where it gives
 * null). None, without a call per participant, when the outbox is empty (mostly). `message` is a
 * module-level function, not a closure, so asking allocates nothing then.
 */
export function outboxChoices<X, M extends { readonly to: string }>(
  outbox: readonly string[],
  n: string,
  x: X,
  message: (n: string, x: X, p: string) => M | null,
  label: (m: M) => string,
): readonly Readonly<{ to: string; label: string }>[] {
  if (outbox.length === 0) return NO_SENDS
  const out: Readonly<{ to: string; label: string }>[] = []
  for (const p of outbox) {
    const m = message(n, x, p)
    if (m !== null) out.push(sendParams(m, label))
  }
  return out
}
const NO_SENDS: readonly Readonly<{ to: string; label: string }>[] = []
