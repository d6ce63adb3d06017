/**
 * The states of one BFS level, for the sequential BFS (`bfs.ts`): as objects, or encoded by the
 * model's state codec (its schema's compiled form, given by the composition root, `check.ts`) in
 * chunks of `CHUNK` states, each decoded when the level's expansion reaches it. A state in a level
 * waits there until the next level is expanded, so a wide level of objects is most of a big run's
 * memory, and each of its objects is copied by the young generation's collector on its way to the
 * old one; encoded, it is a few dozen bytes. `check` encodes the levels opened once a tenth of the
 * JS heap's limit is in use (`ENCODE_AT_HEAP_SHARE`): encoding saves memory on every model, and
 * on big runs the collector's time with it, but costs CPU on some small ones (a model that
 * memoizes by object identity meets fresh objects), which stay below it.
 * The decoded states are equal to the ones encoded (the codec round-trips exactly; where the
 * schema says `intern` they are the model's own instances), so the search is the same.
 */
export interface LevelCodec {
  encode(states: readonly unknown[]): Uint8Array
  decode(bytes: Uint8Array): unknown[]
}

/** The share of the JS heap's limit in use from which `check`'s BFS encodes new levels (414 MiB
 * of the 4 GiB default here; the memory stop is at 70%, `limits.ts`). Measured in
 * docs/performance.md, "A level's states, encoded". */
export const ENCODE_AT_HEAP_SHARE = 0.1

/** States per encoded chunk: big enough that the codec's per-call cost is nothing, small enough
 * that one decoded chunk is little memory. */
export const CHUNK = 1024

export class LevelStates {
  /** Encoded chunks of CHUNK states each. */
  private readonly chunks: Uint8Array[] = []
  /** States after the last full chunk, not encoded yet (all of them, without a codec). */
  private tail: unknown[] = []
  /** Each state's visited-set index, in order. */
  private readonly idx: number[] = []
  /** The chunk last decoded, and which. */
  private decoded: unknown[] = []
  private decodedAt = -1

  /** Without `codec`, every state stays an object. */
  constructor(private readonly codec: LevelCodec | undefined) {}

  get size(): number {
    return this.idx.length
  }

  push(s: unknown, i: number): void {
    this.idx.push(i)
    this.tail.push(s)
    if (this.codec !== undefined && this.tail.length === CHUNK) {
      this.chunks.push(this.codec.encode(this.tail))
      this.tail = []
    }
  }

  index(f: number): number {
    return this.idx[f] as number
  }

  /** The `f`-th state (read in increasing order: a chunk is decoded once). */
  state(f: number): unknown {
    if (this.codec === undefined) return this.tail[f]
    const k = Math.floor(f / CHUNK)
    if (k === this.chunks.length) return this.tail[f % CHUNK]
    if (k !== this.decodedAt) {
      this.decoded = this.codec.decode(this.chunks[k] as Uint8Array)
      this.decodedAt = k
    }
    return this.decoded[f % CHUNK]
  }

  /** Bytes of encoded states held (for measurements). */
  encodedBytes(): number {
    return this.chunks.reduce((n, c) => n + c.byteLength, 0)
  }
}
