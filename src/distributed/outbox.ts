/**
 * A worker's successors bound for one owner, gathered until a batch is full, then encoded as one
 * or more batch messages (`wire.ts`), each under NATS's max payload.
 */
import type { StateBatch } from './part-states.ts'
import { PART_BYTES, encodeBatch } from './wire.ts'

/** Successors bound for one owner, until a batch is full. */
export class Outbox {
  private readonly key: Float64Array
  private readonly parent: Int32Array
  private readonly hi: Int32Array
  private readonly lo: Int32Array
  private readonly act: Uint16Array
  private names: string[] = []
  private nameIds = new Map<string, number>()
  /** With sleep sets: each successor's entries, back to back, and where each one's start. */
  private sleep: number[] = []
  private sleepOff: number[] = []

  /** The states, in the run's codec or as words (`part-states.ts`). */
  constructor(
    private readonly cap: number,
    private readonly states: StateBatch,
  ) {
    this.key = new Float64Array(cap)
    this.parent = new Int32Array(cap)
    this.hi = new Int32Array(cap)
    this.lo = new Int32Array(cap)
    this.act = new Uint16Array(cap)
  }

  size(): number {
    return this.states.length
  }

  /** Adds a successor (with its sleep set, `from` to `to` of `sleep`, when the run has them);
   * true when the batch is full. */
  add(hi: number, lo: number, key: number, parent: number, name: string, state: unknown, sleep?: ArrayLike<number>, from = 0, to = 0): boolean {
    if (sleep !== undefined) {
      this.sleepOff.push(this.sleep.length)
      for (let k = from; k < to; k++) this.sleep.push(sleep[k] as number)
    }
    const i = this.states.length
    let a = this.nameIds.get(name)
    if (a === undefined) {
      a = this.names.length
      this.names.push(name)
      this.nameIds.set(name, a)
    }
    this.states.push(state)
    this.key[i] = key
    this.parent[i] = parent
    this.hi[i] = hi
    this.lo[i] = lo
    this.act[i] = a
    return this.states.length >= this.cap
  }

  /** The batch as messages (more than one only if its states' bytes near NATS's max payload), then empty. */
  take(level: number, sender: number, seq: number): Uint8Array[] {
    const out: Uint8Array[] = []
    const withSleep = this.sleepOff.length > 0
    const at = (i: number): number => (i < this.sleepOff.length ? (this.sleepOff[i] as number) : this.sleep.length)
    const emit = (from: number, to: number): void => {
      const states = this.states.bytes(from, to)
      // The message's size: the states, each successor's 22 bytes of columns, and with sleep sets
      // their entries and offsets (a message must stay under NATS's max payload).
      const size = states.byteLength + 22 * (to - from) + (withSleep ? 4 * (at(to) - at(from) + to - from + 1) : 0)
      if (size > PART_BYTES && to - from > 1) {
        const mid = (from + to) >> 1
        emit(from, mid)
        emit(mid, to)
        return
      }
      out.push(
        encodeBatch({
          level,
          sender,
          seq: seq + out.length,
          n: to - from,
          names: this.names,
          key: this.key.subarray(from, to),
          parent: this.parent.subarray(from, to),
          hi: this.hi.subarray(from, to),
          lo: this.lo.subarray(from, to),
          act: this.act.subarray(from, to),
          states,
          ...(withSleep
            ? { sleep: Int32Array.from(this.sleep.slice(at(from), at(to))), sleepOff: Int32Array.from({ length: to - from + 1 }, (_, k) => at(from + k) - at(from)) }
            : {}),
        }),
      )
    }
    emit(0, this.states.length)
    this.states.clear()
    this.names = []
    this.nameIds = new Map()
    this.sleep = []
    this.sleepOff = []
    return out
  }
}

