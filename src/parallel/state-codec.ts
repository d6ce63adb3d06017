/**
 * What every thread codec is (`codec.ts` picks one: msgpackr, words or the schema's compiled
 * form). In its own module so that `codec.ts`, which chooses among the codecs, and
 * `schema-codec.ts`, one of them, do not import each other.
 */
export interface StateCodec {
  /** A standalone buffer (its own ArrayBuffer, so it can be transferred). */
  encode(states: readonly unknown[]): Uint8Array
  decode(bytes: Uint8Array): unknown[]
}
