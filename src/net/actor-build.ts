/**
 * How the actor harness (actor.ts) builds a state and a role's record: through a constructor
 * compiled once per configuration, whose fields are the record's keys in order.
 *
 * Why not a spread (`{ ...s }`, then the changed fields written): V8 then gives the states of one
 * search several hidden classes (6 over raft-two-terms' first 20,000 expansions, where Raft's
 * hand-written literals gave 3), so every read of a state's field in the model and its properties
 * is polymorphic. Why not one generated object literal: that gives one hidden class, but V8
 * pretenures a literal's allocation site once most of what it allocates survives a scavenge (in
 * a search, most states do), and `next` then took twice as long (docs/performance.md, "Raft on
 * the harness"). A constructor call allocates without an allocation site, so it is not pretenured,
 * and every object it makes has the constructor's one map. The constructor's `prototype` is
 * `Object.prototype`, so what it makes is a plain object like a literal with the same keys in the
 * same order (the fingerprint, the ITF writer and the codecs tell them apart by prototype only).
 */
import { generatedFunction } from '../state/generated-function.ts'

/** Builds a state: `s` with role `role`'s record replaced by `nodes` (`role` null: none), the
 * network `net`, and each ghost variable from `g` where `g` has it, else from `s`. */
export type BuildState = (s: object, role: string | null, nodes: object | null, net: unknown, g: object | undefined) => object

/** Builds a role's record: `rec` with node `node`'s local state replaced by `local`. */
export type BuildRecord = (rec: object, node: string, local: unknown) => object

type Constructor = new (...values: unknown[]) => object

const quote = (k: string): string => JSON.stringify(k)

/** A constructor of plain objects with `keys` in order: `new F(v0, v1, …)` is `{ [keys[0]]: v0, … }`. */
export function recordConstructor(keys: readonly string[]): Constructor {
  if (new Set(keys).size !== keys.length) throw new Error(`a record's keys must be distinct: ${keys.join(', ')}`)
  const F = generatedFunction(keys.map((_, i) => `v${i}`), keys.map((k, i) => `this[${quote(k)}] = v${i}`).join('\n')) as unknown as Constructor
  // The function is cached by its source (one per key list in a thread), so a later check of the
  // same model gets it back. Assigning `prototype` again, even the same object, gives V8 a new
  // initial map: every state the constructor made from then on had a new hidden class, and the
  // code optimised for the last run's deoptimised ("wrong map": 64 of the 105 deopts of three
  // 2-worker checks of raft-two-terms in one process, 7 after).
  if (F.prototype !== Object.prototype) F.prototype = Object.prototype
  return F
}

/** A role's record builder over its nodes, in order. */
export function recordBuilder(nodes: readonly string[]): { readonly make: Constructor; readonly set: BuildRecord } {
  const make = recordConstructor(nodes)
  const fields = nodes.map((n) => `node === ${quote(n)} ? local : rec[${quote(n)}]`).join(', ')
  const set = generatedFunction(['F'], `return function setNode(rec, node, local) { return new F(${fields}) }`)(make) as BuildRecord
  return { make, set }
}

/** The state builder of a model whose state is `{ ...roles, net, ...ghosts }`, in that order. */
export function stateBuilder(roles: readonly string[], ghosts: readonly string[]): { readonly make: Constructor; readonly build: BuildState } {
  const make = recordConstructor([...roles, 'net', ...ghosts])
  const fields = [
    ...roles.map((r) => `role === ${quote(r)} ? nodes : s[${quote(r)}]`),
    'net',
    ...ghosts.map((k) => `g !== undefined && ${quote(k)} in g ? g[${quote(k)}] : s[${quote(k)}]`),
  ].join(', ')
  const build = generatedFunction(['F'], `return function buildState(s, role, nodes, net, g) { return new F(${fields}) }`)(make) as BuildState
  return { make, build }
}

/** `BuildState` by copying `s` (`{ ...s }`) and writing the fields that change: it keeps fields
 * the builder above does not know (a model that wraps an actor model's state and adds one). */
export const copyBuild: BuildState = (s, role, nodes, net, g) => {
  const out: Record<string, unknown> = { ...s }
  if (role !== null) out[role] = nodes
  out.net = net
  if (g !== undefined) Object.assign(out, g)
  return out
}
