/**
 * What crosses NATS between the coordinator and the workers (`docs/distributed.md`, "Protocol").
 *
 * - Control messages are request/reply frames: a JSON head and binary tails (typed-array bytes:
 *   sorted keys, ranks), so nothing numeric goes through JSON per state.
 * - Successor batches are one binary message per (level, sender, owner, seq): the per-state
 *   columns (BFS key, parent's local index, fingerprint, step ordinal, action) then the states
 *   in the run's state codec (`parallel/codec.ts`: the schema's compiled form, words, or msgpackr;
 *   a plain state each on its own, so its owner keeps it as bytes: `part-states.ts`).
 *
 * Core NATS delivers at most once: every batch carries (level, sender, seq) and the owner counts
 * what it got per sender, so a lost or duplicated batch is found at the level's barrier.
 */

/** The subjects of one run: `interleave.<run>.…`. Idle workers listen on `interleave.hello` for
 * runs; a worker's control and ping subjects are named by its own id (it listens on them before it
 * asks to join), its batch subject by its index in the run. */
export const HELLO = 'interleave.hello'
export interface Hello {
  readonly runId: string
  /** The coordinator's code hash (`code-hash.ts`): a worker with another refuses itself. */
  readonly codeHash: string
}
export const subjects = (runId: string) => ({
  join: `interleave.${runId}.join`,
  ctl: (workerId: string) => `interleave.${runId}.${workerId}.ctl`,
  ping: (workerId: string) => `interleave.${runId}.${workerId}.ping`,
  batch: (k: number) => `interleave.${runId}.w${k}.in`,
})

/** NATS's default max payload is 1 MiB: batches close well below it (`Outbox`), and a larger
 * control frame (the bundle, a wide level's keys or ranks) travels in parts of this size: a
 * request as `part` requests, then `parted` (the worker joins them); a reply as its first part
 * with the head `{ parted: total bytes }`, the rest fetched with `more` requests. */
export const PART_BYTES = 512 * 1024

/** The head of the first part of a reply sent in parts. */
export interface Parted {
  readonly parted?: number
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

/** A control frame: [u32 head length][head JSON][u32 n][u32 length × n][tails…]. */
export function frame(head: unknown, tails: readonly Uint8Array[] = []): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(head))
  const size = 8 + json.length + 4 * tails.length + tails.reduce((s, t) => s + t.byteLength, 0)
  const out = new Uint8Array(size)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, json.length)
  out.set(json, 4)
  let at = 4 + json.length
  dv.setUint32(at, tails.length)
  at += 4
  for (const t of tails) {
    dv.setUint32(at, t.byteLength)
    at += 4
  }
  for (const t of tails) {
    out.set(t, at)
    at += t.byteLength
  }
  return out
}

export function unframe<H>(bytes: Uint8Array): { head: H; tails: Uint8Array[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const len = dv.getUint32(0)
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + len))) as H
  let at = 4 + len
  const n = dv.getUint32(at)
  at += 4
  const sizes: number[] = []
  for (let i = 0; i < n; i++, at += 4) sizes.push(dv.getUint32(at))
  const tails: Uint8Array[] = []
  for (const s of sizes) {
    tails.push(copy(bytes.subarray(at, at + s)))
    at += s
  }
  return { head, tails }
}

export { bytesOf } from '../explore/liveness/column.ts'
export const f64 = (b: Uint8Array): Float64Array => new Float64Array(b.buffer, b.byteOffset, b.byteLength >> 3)
export const i32 = (b: Uint8Array): Int32Array => new Int32Array(b.buffer, b.byteOffset, b.byteLength >> 2)

/** One batch of successors for one owner. */
export interface Batch {
  readonly level: number
  readonly sender: number
  readonly seq: number
  readonly n: number
  /** Action names, indexed by `act`. */
  readonly names: readonly string[]
  /** BFS key: parent's rank in its level × 65,536 + the step's ordinal. */
  readonly key: Float64Array
  /** The parent's index in the sender's partition. */
  readonly parent: Int32Array
  readonly hi: Int32Array
  readonly lo: Int32Array
  readonly act: Uint16Array
  /** The states (`part-states.ts` `batch`): a packed model's words back to back, or plain states
   * each encoded on its own in the run's codec after a column of their lengths. */
  readonly states: Uint8Array
  /** With sleep sets (`--por`): successor i's set is `sleep[sleepOff[i], sleepOff[i + 1])`, the
   * keyed entries of `explore/keyed-sleep.ts`. */
  readonly sleep?: Int32Array
  readonly sleepOff?: Int32Array
}

const HEADER_WORDS = 7

/** [i32 × 7: level, sender, seq, n, names bytes, states bytes, sleep entries or -1][f64 key × n][i32 parent, hi, lo × n][u16 act × n, padded][names JSON, padded][states, padded][with sleep sets: i32 sleepOff × (n + 1), sleep]. */
export function encodeBatch(b: Batch): Uint8Array {
  const names = new TextEncoder().encode(JSON.stringify(b.names))
  const n = b.n
  const actBytes = pad8(2 * n)
  const namesBytes = pad8(names.length)
  const sleeps = b.sleep && b.sleepOff ? b.sleep.length : -1
  const sleepBytes = sleeps < 0 ? 0 : 4 * (n + 1 + sleeps)
  const statesEnd = pad8(HEADER_WORDS * 4) + 8 * n + 12 * n + actBytes + namesBytes + b.states.byteLength
  const size = (sleeps < 0 ? statesEnd : pad8(statesEnd)) + sleepBytes
  const buf = new ArrayBuffer(pad8(size))
  const head = new Int32Array(buf, 0, HEADER_WORDS)
  head.set([b.level, b.sender, b.seq, n, names.length, b.states.byteLength, sleeps])
  let at = pad8(HEADER_WORDS * 4)
  new Float64Array(buf, at, n).set(b.key.subarray(0, n))
  at += 8 * n
  new Int32Array(buf, at, n).set(b.parent.subarray(0, n))
  at += 4 * n
  new Int32Array(buf, at, n).set(b.hi.subarray(0, n))
  at += 4 * n
  new Int32Array(buf, at, n).set(b.lo.subarray(0, n))
  at += 4 * n
  new Uint16Array(buf, at, n).set(b.act.subarray(0, n))
  at += actBytes
  new Uint8Array(buf, at, names.length).set(names)
  at += namesBytes
  new Uint8Array(buf, at, b.states.byteLength).set(b.states)
  if (sleeps >= 0) {
    at = pad8(at + b.states.byteLength)
    new Int32Array(buf, at, n + 1).set(b.sleepOff!.subarray(0, n + 1))
    new Int32Array(buf, at + 4 * (n + 1), sleeps).set(b.sleep!)
  }
  return new Uint8Array(buf, 0, size)
}

export function decodeBatch(data: Uint8Array): Batch {
  const buf = copy(data).buffer
  const [level, sender, seq, n, namesLen, statesLen, sleeps] = new Int32Array(buf, 0, HEADER_WORDS)
  let at = pad8(HEADER_WORDS * 4)
  const key = new Float64Array(buf, at, n)
  at += 8 * n
  const parent = new Int32Array(buf, at, n)
  at += 4 * n
  const hi = new Int32Array(buf, at, n)
  at += 4 * n
  const lo = new Int32Array(buf, at, n)
  at += 4 * n
  const act = new Uint16Array(buf, at, n)
  at += pad8(2 * n)
  const names = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, at, namesLen))) as string[]
  at += pad8(namesLen)
  const states = new Uint8Array(buf, at, statesLen)
  if (sleeps < 0) return { level, sender, seq, n, names, key, parent, hi, lo, act, states }
  at = pad8(at + statesLen)
  const sleepOff = new Int32Array(buf, at, n + 1)
  const sleep = new Int32Array(buf, at + 4 * (n + 1), sleeps)
  return { level, sender, seq, n, names, key, parent, hi, lo, act, states, sleep, sleepOff }
}

const pad8 = (n: number): number => (n + 7) & ~7

/** NATS hands views into its read buffer (Node Buffers, whose `slice` is a view too): typed
 * arrays over a message need a buffer of their own, aligned. */
function copy(b: Uint8Array): Uint8Array {
  const c = new Uint8Array(b.byteLength)
  c.set(b)
  return c
}

/** The worker that owns a fingerprint: its high word modulo the number of workers (the visited
 * tables slot by a mix of both words, so a partition still fills its table evenly). */
export const ownerOf = (hi: number, n: number): number => (hi >>> 0) % n

/** A BFS key: the parent's rank in its level and the step's ordinal. Exact in a double up to 2^37 parents. */
export const ORD = 65536
export const keyOf = (rank: number, ordinal: number): number => rank * ORD + ordinal
export const parentOfKey = (key: number): number => Math.floor(key / ORD)

/** Errors a worker sends back instead of a result: what kind, so the coordinator throws the same. */
export interface WireError {
  readonly kind: 'model' | 'usage' | 'internal' | 'lost'
  readonly message: string
}
