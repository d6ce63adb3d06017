/**
 * A BFS level's states kept encoded (`explore/level-states.ts`): the same states in the same order
 * as objects, so the same search. `check` encodes the levels opened once a tenth of the heap's
 * limit is in use; here the BFS is told to encode every level.
 */
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../../src/core/options.ts'
import type { CheckOptions } from '../../src/core/options.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import { bfs } from '../../src/explore/bfs.ts'
import { checkLiveness, livenessRecorder } from '../../src/explore/liveness/check-liveness.ts'
import { CHUNK, LevelStates } from '../../src/explore/level-states.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { schemaCodecFor } from '../../src/parallel/codec.ts'
import { comparable } from '../parallel/compare.ts'

describe('a level of encoded states', () => {
  it('gives back each state and index in order: whole chunks encoded, then the tail', () => {
    let encoded = 0
    const codec = {
      encode: (xs: readonly unknown[]) => {
        encoded += xs.length
        return new TextEncoder().encode(JSON.stringify(xs))
      },
      decode: (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as unknown[],
    }
    const n = 3 * CHUNK + 17
    const level = new LevelStates(codec)
    for (let i = 0; i < n; i++) level.push({ i }, 1000 + i)
    expect([level.size, encoded]).toEqual([n, 3 * CHUNK])
    for (let f = 0; f < n; f++) {
      expect(level.state(f)).toEqual({ i: f })
      expect(level.index(f)).toBe(1000 + f)
    }
    // Read out of order too (a chunk decoded again).
    expect([level.state(150), level.state(5), level.state(n - 1)]).toEqual([{ i: 150 }, { i: 5 }, { i: n - 1 }])
    // Without a codec, every state stays an object.
    const plain = new LevelStates(undefined)
    const o = { i: 1 }
    plain.push(o, 7)
    expect([plain.state(0), plain.encodedBytes()]).toEqual([o, 0])
  })

  it('the BFS over encoded levels equals the BFS over objects: counts, traces, liveness graphs', async () => {
    for (const file of ['specs/two-phase-commit-net-symmetry.ts', 'specs/multi-paxos.ts', 'specs/paxos-net-lowest-accepted.ts', 'specs/raft-no-prev-log-check.ts', 'specs/two-phase-commit-net-liveness-blocking.ts', 'specs/paxos-net-livelock.ts']) {
      const { spec } = await loadSpecFile(file)
      const run = async (encode: boolean) => {
        const o: CheckOptions = resolveOptions({})
        const p = prepare(spec, o)
        const codec = schemaCodecFor(p)
        if (!codec) throw new Error(`${file}: no schema codec`)
        const rec = p.liveness.length > 0 ? livenessRecorder(p) : undefined
        const r = await bfs(p, o, rec, false, encode ? { codec, when: () => true } : undefined)
        const live = rec ? await checkLiveness(p, o, rec.graph) : undefined
        return { r: comparable(r), live: live && JSON.parse(JSON.stringify([live.properties, live.stats?.states, live.stats?.edges])) }
      }
      expect(await run(true), file).toEqual(await run(false))
    }
  })
})
