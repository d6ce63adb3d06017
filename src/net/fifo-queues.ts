/**
 * A FIFO network's queues (one property per directed link, `fifoLinks` order) with one link's
 * queue replaced: the copy every send and delivery makes.
 *
 * Why not `{ ...queues, [k]: q }`: with a link per ordered pair of nodes, five nodes make 25
 * properties, and that spread-then-computed-key literal took 500 ns where an object literal with
 * the 25 keys written out takes 30 (`node` on a throwaway script, 3 M copies each); the FIFO
 * network's two copies were a fifth of chain replication's CPU. So the literal is generated, once
 * per distinct key list (`generatedFunction`), and chosen by walking the queues' keys against the
 * last list used (for-in over a fast object: a few ns per key), so it is exact for any object:
 * one with other keys, or keys in another order, gets its own copier. A key that a literal
 * cannot write as a plain property (`__proto__`) takes the spread.
 */
import { generatedFunction } from '../state/generated-function.ts'

type Queues<M> = Readonly<Record<string, readonly M[]>>
type Copier = { readonly keys: readonly string[]; readonly copy: ((q: object) => Record<string, unknown>) | undefined }

const copiers = new Map<string, Copier>()
/** Distinct key lists kept at most (a process checking many models with other nodes). */
const LIMIT = 256
let last: Copier | undefined

function copierOf(q: object): Copier {
  const c = last
  if (c !== undefined) {
    const keys = c.keys
    let i = 0
    let same = true
    for (const k in q) {
      if (keys[i++] !== k) {
        same = false
        break
      }
    }
    if (same && i === keys.length) return c
  }
  const keys = Object.keys(q)
  const id = keys.join('\n')
  let found = copiers.get(id)
  if (found === undefined) {
    const plain = !keys.includes('__proto__')
    const fields = keys.map((k) => `${JSON.stringify(k)}: q[${JSON.stringify(k)}]`).join(', ')
    found = { keys, copy: plain ? (generatedFunction(['q'], `return { ${fields} }`) as (q: object) => Record<string, unknown>) : undefined }
    if (copiers.size >= LIMIT) copiers.clear()
    copiers.set(id, found)
  }
  last = found
  return found
}

/** A copy of `queues` (the same keys in the same order), to write into before it is shared. */
export function copyQueues<M>(queues: Queues<M>): Record<string, readonly M[]> {
  const copy = copierOf(queues).copy
  return (copy === undefined ? { ...queues } : copy(queues)) as Record<string, readonly M[]>
}

/** `queues` with link `k`'s queue (one of its keys) replaced by `q`. */
export function queuesWith<M>(queues: Queues<M>, k: string, q: readonly M[]): Queues<M> {
  const out = copyQueues(queues)
  out[k] = q
  return out
}
