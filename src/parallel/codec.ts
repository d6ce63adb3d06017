/**
 * How states cross threads and sit in the frontier: a chunk of states is one msgpackr message in
 * records mode (each object shape is described once per chunk, then every object of that shape is
 * its values only). A chunk is self-describing, so any thread, or a checkpoint read back in
 * another process, decodes it; and it is one ArrayBuffer, transferred between threads without a
 * copy. It is several times faster than structured clone of the same objects (figures:
 * docs/performance.md, "Design measurements").
 *
 * Packed models (`src/packed/`) cross as their words instead (`wordsCodec`): a chunk is the
 * states' int32 words back to back, which workers expand without decoding anything. Models that
 * declare a state schema cross in the form compiled from it (`schema-codec.ts`): a few times
 * faster than msgpackr both ways and a sixth of its bytes (figures: docs/performance.md,
 * "Parallel"; `node --import tsx bench/codec-bench.ts`).
 */
import { Packr, Unpackr } from 'msgpackr'
import { ModelError, errorMessage } from '../core/errors.ts'
import { preview } from '../explore/sink.ts'
import type { Prepared } from '../explore/prepare.ts'
import { packedRuntimeOf } from '../packed/packed-bfs.ts'
import type { PackedRuntime } from '../packed/packed-model.ts'
import type { Schema } from '../core/schema.ts'
import { schemaCodec } from './schema-codec.ts'
import type { StateCodec } from './state-codec.ts'

export function msgpackCodec(): StateCodec {
  const packr = new Packr({ useRecords: true })
  const unpackr = new Unpackr({ useRecords: true })
  return {
    encode(states) {
      for (let i = 0; i < states.length; i++) {
        const bad = msgpackProblem(states[i], 'state')
        if (bad !== undefined) {
          throw new ModelError(
            `the state ${preview(states[i], 200)} cannot cross threads or go into a checkpoint as msgpack (for a model without a state schema, or a value outside it): ${bad}; keep such values out of the state`,
          )
        }
      }
      let view: Uint8Array
      try {
        view = packr.pack(states)
      } catch (e) {
        throw new ModelError(`a state cannot cross threads or go into a checkpoint as msgpack: ${errorMessage(e)}`)
      }
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

/**
 * What in `v` msgpack would not give back as it was, or undefined: a string with a lone UTF-16
 * surrogate (written as UTF-8, it came back as U+FFFD), an own key `__proto__` (renamed), a
 * bigint past 64 bits, anything but plain arrays and objects (an Immutable.js List came back as
 * an array, which the fingerprint cannot tell apart). Such a state crossing threads, or resumed
 * from a checkpoint, became another state and the counts were wrong without a word (a helper's
 * tour); so every state encoded is walked (the msgpack path only: models with a schema cross in
 * its compiled form).
 */
export function msgpackProblem(v: unknown, path: string): string | undefined {
  switch (typeof v) {
    case 'string':
      return (v as unknown as { isWellFormed(): boolean }).isWellFormed() ? undefined : `${path} holds a lone UTF-16 surrogate`
    case 'bigint':
      return v >= -(2n ** 63n) && v < 2n ** 64n ? undefined : `${path} is a bigint past 64 bits`
    case 'object':
      break
    default:
      return undefined
  }
  if (v === null) return undefined
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = msgpackProblem(v[i], `${path}[${i}]`)
      if (bad !== undefined) return bad
    }
    return undefined
  }
  const proto = Object.getPrototypeOf(v) as unknown
  if (proto !== Object.prototype && proto !== null) return `${path} is not plain data (an Immutable.js collection, a Map, Set or class instance comes back as plain arrays and objects)`
  if (Object.hasOwn(v, '__proto__')) return `${path} has an own key __proto__`
  for (const k in v) {
    const bad = msgpackProblem((v as Record<string, unknown>)[k], `${path}.${k}`)
    if (bad !== undefined) return bad
  }
  return undefined
}

/** The codec for `p`'s states: words for a packed model checked as itself, the schema's compiled
 * form for a model that declares one (`schema-codec.ts`), msgpackr otherwise. */
export function codecFor(p: Prepared): StateCodec {
  const rt = packedRuntimeOf(p)
  if (rt) return wordsCodec(rt)
  return schemaCodecFor(p) ?? msgpackCodec()
}

/** The schema's compiled codec for `p`'s plain states, when its model declares a schema that
 * compiles to one (not for a packed model): what the sequential BFS keeps a wide level's states
 * in (`explore/level-states.ts`), and what they cross threads in. */
export function schemaCodecFor(p: Prepared): StateCodec | undefined {
  if (packedRuntimeOf(p)) return undefined
  let schema: Schema | undefined
  try {
    schema = p.model.schema?.(p.config)
  } catch {
    // prepare() reports a schema that throws; without one, states cross as msgpack.
  }
  return schema ? schemaCodec(schema, msgpackCodec()) : undefined
}

/**
 * Packed states as their words, back to back. `encode`/`decode` take and give plain states (the
 * coordinator's view: initial states, rare decisions and re-expansions); workers read and write
 * the words directly (`expand-packed.ts`).
 */
export function wordsCodec(rt: PackedRuntime): StateCodec {
  const w = rt.words
  return {
    encode(states) {
      const words = new Int32Array(states.length * w)
      const t = new Int32Array(w)
      states.forEach((s, i) => {
        rt.encode(s, t)
        words.set(t, i * w)
      })
      return new Uint8Array(words.buffer)
    },
    decode(bytes) {
      const words = wordsOf(bytes)
      const out: unknown[] = []
      for (let at = 0; at < words.length; at += w) out.push(rt.decode(words.subarray(at, at + w)))
      return out
    },
  }
}

/** The int32 words of a chunk (chunks are whole buffers, so aligned). */
export const wordsOf = (bytes: Uint8Array): Int32Array => new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2)
