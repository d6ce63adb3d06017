/**
 * How states cross threads and sit in the frontier: a chunk of states is one msgpackr message in
 * records mode (each object shape is described once per chunk, then every object of that shape is
 * its values only). A chunk is self-describing, so any thread, or a checkpoint read back in
 * another process, decodes it; and it is one ArrayBuffer, transferred between threads without a
 * copy. Measured on 2PC states: ~1 µs to pack and ~0.6 µs to unpack a state, ~90 bytes for 7
 * RMs; structured clone of the same objects costs ~3–5 µs.
 *
 * Models with a packed (word) schema will get a codec that copies their words instead; the
 * interface is the seam for it.
 */
import { Packr, Unpackr } from 'msgpackr'

export interface StateCodec {
  /** A standalone buffer (its own ArrayBuffer, so it can be transferred). */
  encode(states: readonly unknown[]): Uint8Array
  decode(bytes: Uint8Array): unknown[]
}

export function msgpackCodec(): StateCodec {
  const packr = new Packr({ useRecords: true })
  const unpackr = new Unpackr({ useRecords: true })
  return {
    encode(states) {
      const view = packr.pack(states)
      // pack returns a view into packr's reusable buffer: copy it out.
      const own = new Uint8Array(view.length)
      own.set(view)
      return own
    },
    decode(bytes) {
      return unpackr.unpack(bytes) as unknown[]
    },
  }
}
