/**
 * How plain states cross threads: msgpackr (records mode) against the form compiled from the
 * model's state schema (`src/parallel/schema-codec.ts`), on the 296,448 reachable states of 2PC
 * with 7 RMs, in chunks of 2,048 as the parallel BFS sends them. Prints ns per state to encode
 * and to decode, and bytes per state; two rounds each, interleaved, so that warm-up and load show.
 *
 * Usage: node --import tsx bench/codec-bench.ts
 */
import spec from '../specs/two-phase-commit.ts'
import { resolveOptions } from '../src/core/options.ts'
import { prepare } from '../src/explore/prepare.ts'
import { codecFor, msgpackCodec } from '../src/parallel/codec.ts'
import { reachable } from './reachable-2pc.ts'

const p = prepare(spec, resolveOptions({ params: { rms: 7 } }))
const all = reachable(7)
const chunks: unknown[][] = []
for (let i = 0; i < all.length; i += 2048) chunks.push(all.slice(i, i + 2048))

const codecs = { msgpackr: msgpackCodec(), 'schema-compiled': codecFor(p) }
for (let round = 0; round < 2; round++) {
  for (const [name, c] of Object.entries(codecs)) {
    let t = performance.now()
    let bytes = 0
    const enc: Uint8Array[] = []
    for (const ch of chunks) {
      const b = c.encode(ch)
      bytes += b.length
      enc.push(b)
    }
    const te = performance.now() - t
    t = performance.now()
    let n = 0
    for (const b of enc) n += c.decode(b).length
    const td = performance.now() - t
    console.log(`${name.padEnd(16)} ${n} states: encode ${((te * 1e6) / n).toFixed(0)} ns/state, decode ${((td * 1e6) / n).toFixed(0)} ns/state, ${(bytes / n).toFixed(1)} bytes/state`)
  }
}
