/**
 * A linearizability tester whose history is plain data, for a model to keep in its state (a ghost
 * variable) and a property to read: the semantics of Stateright's `LinearizabilityTester`
 * (src/semantics/linearizability.rs), which models/paxos-register.ts needs state for state.
 *
 * Each thread (a client) invokes one operation at a time. At an invocation the history notes, for
 * every other thread, the index of the last operation it had completed (`before`): an operation
 * that completed before another was invoked must come first in the order, the real-time rule that
 * sets linearizability apart from sequential consistency. `linearization` then searches the
 * interleavings of the threads' completed operations, in each thread's own order, for one that the
 * sequential specification explains; an operation still in flight may be placed anywhere after
 * what it must follow, or left out (it may not have taken effect yet).
 *
 * What the value holds is what Stateright's tester holds, so that a state space that includes it
 * counts the same states: a history that becomes invalid (a thread invokes while its operation is
 * in flight, or returns with none in flight) stays invalid and records nothing more, as the Rust
 * tester's `Err` does; a return with nothing in flight still gives the thread its (empty) entry.
 * Limit: the search is exhaustive, exponential in the number of concurrent operations; it is meant
 * for the few operations a model checker's bounded clients make.
 */
import type { Schema } from '../core/schema.ts'
import type { Value } from '../core/value.ts'
import { valuesEqual } from '../state/data.ts'
import { schema } from '../state/schema.ts'

/** The reference object a concurrent history must be explained by: its initial state and what
 * an operation does to a state and returns. */
export type SequentialSpec<S, Op extends Value, Ret extends Value> = {
  readonly init: S
  invoke(s: S, op: Op): readonly [next: S, ret: Ret]
}

/** Per thread of the history: the index of the last operation it had completed when this one
 * was invoked; null when it had completed none (and for the invoking thread itself). */
export type Before = Readonly<Record<string, number | null>>

export type Completed<Op extends Value, Ret extends Value> = { readonly before: Before; readonly op: Op; readonly ret: Ret }
export type Pending<Op extends Value> = { readonly before: Before; readonly op: Op }

/** A thread's completed operations in order and the one in flight. */
export type ThreadLog<Op extends Value, Ret extends Value> = {
  readonly done: readonly Completed<Op, Ret>[]
  readonly pending: Pending<Op> | null
}

/** The history: every thread, with null until it first invokes (Stateright's tester has no entry
 * for it then). */
export type History<Op extends Value, Ret extends Value> = {
  readonly valid: boolean
  readonly threads: Readonly<Record<string, ThreadLog<Op, Ret> | null>>
}

/** The empty history of the given threads (all of them: a state schema has a fixed shape). */
export function emptyHistory<Op extends Value, Ret extends Value>(threads: readonly string[]): History<Op, Ret> {
  const out: Record<string, ThreadLog<Op, Ret> | null> = {}
  for (const t of threads) out[t] = null
  return { valid: true, threads: out }
}

const logOf = <Op extends Value, Ret extends Value>(h: History<Op, Ret>, thread: string): ThreadLog<Op, Ret> | null => {
  const log = h.threads[thread]
  if (log === undefined) throw new Error(`linearizability: thread ${thread} is not one of the history's (${Object.keys(h.threads).join(', ')})`)
  return log
}

const withLog = <Op extends Value, Ret extends Value>(h: History<Op, Ret>, thread: string, log: ThreadLog<Op, Ret>): History<Op, Ret> => ({
  valid: h.valid,
  threads: { ...h.threads, [thread]: log },
})

/** `thread` invokes `op`. Invoking while an operation of its own is in flight makes the history
 * invalid; an invalid history is returned as it is. */
export function invoked<Op extends Value, Ret extends Value>(h: History<Op, Ret>, thread: string, op: Op): History<Op, Ret> {
  if (!h.valid) return h
  const log = logOf(h, thread)
  if (log !== null && log.pending !== null) return { valid: false, threads: h.threads }
  const before: Record<string, number | null> = {}
  for (const t in h.threads) {
    const other = h.threads[t]
    before[t] = t === thread || other === null || other.done.length === 0 ? null : other.done.length - 1
  }
  return withLog(h, thread, { done: log === null ? [] : log.done, pending: { before, op } })
}

/** `thread`'s operation in flight returns `ret`. A return with nothing in flight makes the history
 * invalid (and gives the thread an entry, as Stateright's tester does); an invalid history is
 * returned as it is. */
export function returned<Op extends Value, Ret extends Value>(h: History<Op, Ret>, thread: string, ret: Ret): History<Op, Ret> {
  if (!h.valid) return h
  const log = logOf(h, thread)
  if (log === null || log.pending === null) return { valid: false, threads: { ...h.threads, [thread]: log ?? { done: [], pending: null } } }
  const { before, op } = log.pending
  return withLog(h, thread, { done: [...log.done, { before, op, ret }], pending: null })
}

/**
 * A total order of the history's operations that respects each thread's order and real time, and
 * that `spec` explains: the completed operations, with the returns they had, and those in flight
 * that it placed, with what `spec` returns for them; null when there is none or the history is
 * invalid. Depth-first over the threads in the history's order: the first order found, as
 * Stateright's `serialized_history` does (which order that is does not decide whether there is one).
 */
export function linearization<S, Op extends Value, Ret extends Value>(spec: SequentialSpec<S, Op, Ret>, h: History<Op, Ret>): [Op, Ret][] | null {
  if (!h.valid) return null
  const names: string[] = []
  const logs: ThreadLog<Op, Ret>[] = []
  for (const t in h.threads) {
    const log = h.threads[t]
    if (log === null) continue
    names.push(t)
    logs.push(log)
  }
  const at = logs.map(() => 0)
  const placed = logs.map(() => false)
  const out: [Op, Ret][] = []
  // Whether some thread's next completed operation is one this operation's invoker had seen
  // complete (its index is at most the one noted): that one must be placed first.
  const waits = (before: Before): boolean => {
    for (let j = 0; j < logs.length; j++) {
      const seen = before[names[j]]
      if (seen === null || seen === undefined) continue
      if (at[j] < logs[j].done.length && at[j] <= seen) return true
    }
    return false
  }
  const search = (s: S): boolean => {
    if (logs.every((l, i) => at[i] === l.done.length)) return true
    for (let i = 0; i < logs.length; i++) {
      const log = logs[i]
      const k = at[i]
      if (k === log.done.length) {
        // Its completed operations are all placed: its operation in flight, if any, may go next.
        const p = log.pending
        if (p === null || placed[i] || waits(p.before)) continue
        const [next, ret] = spec.invoke(s, p.op)
        placed[i] = true
        out.push([p.op, ret])
        if (search(next)) return true
        placed[i] = false
        out.pop()
      } else {
        const x = log.done[k]
        if (waits(x.before)) continue
        const [next, ret] = spec.invoke(s, x.op)
        if (!valuesEqual(ret, x.ret)) continue
        at[i] = k + 1
        out.push([x.op, x.ret])
        if (search(next)) return true
        at[i] = k
        out.pop()
      }
    }
    return false
  }
  return search(spec.init) ? out : null
}

/** Whether the history is valid and linearizable with respect to `spec`. */
export const isLinearizable = <S, Op extends Value, Ret extends Value>(spec: SequentialSpec<S, Op, Ret>, h: History<Op, Ret>): boolean =>
  linearization(spec, h) !== null

/** The schema of a history of `threads`, each making at most `maxOps` operations (with `op` and
 * `ret` the schemas of an operation and of a return). */
export function historySchema(threads: readonly string[], op: Schema, ret: Schema, maxOps: number): Schema {
  const before = schema.mapOf(threads, schema.nullable(schema.int(0, Math.max(0, maxOps - 1))))
  return schema.record({
    valid: schema.bool(),
    threads: schema.mapOf(
      threads,
      schema.nullable(
        schema.record({
          done: schema.list(schema.record({ before, op, ret })),
          pending: schema.nullable(schema.record({ before, op })),
        }),
      ),
    ),
  })
}
