/**
 * The frontier between levels: chunks of encoded candidates (`codec.ts`: packed words, the
 * schema's compiled form or msgpackr; never millions of live JS objects), each with the indices of its winners, the states the level actually expands. The
 * k-th winner of a chunk sits at frontier position `pos + k`; positions are the BFS order.
 */
import type { SleepColumns } from './protocol.ts'

export interface FrontierChunk extends SleepColumns {
  readonly bytes: Uint8Array
  /** Indices into the decoded chunk of the states to expand, ascending. */
  readonly winners: Int32Array
  /** Frontier position of `winners[0]`. */
  readonly pos: number
}

export const frontierBytes = (chunks: readonly FrontierChunk[]): number =>
  chunks.reduce((n, c) => n + c.bytes.byteLength + c.winners.byteLength + (c.sleep?.byteLength ?? 0) + (c.sleepOff?.byteLength ?? 0), 0)

export const frontierWidth = (chunks: readonly FrontierChunk[]): number =>
  chunks.reduce((n, c) => n + c.winners.length, 0)
