/**
 * The schema codec: every state comes back equal and with its keys in the same order (a model
 * can observe key order), whether the chunk took the compiled form or fell back to msgpackr; a
 * state outside the schema (a value out of range, -0, a key missing, extra or out of order) sends
 * its chunk to the fallback; a schema with `any` gets no codec. A union variant's tag may sit
 * anywhere among its keys: Raft's messages (`{ from, to, type, ... }`) take the compiled form.
 */
import fc from 'fast-check'
import { List } from 'immutable'
import { describe, expect, it } from 'vitest'
import spec from '../../specs/two-phase-commit.ts'
import raftSpec from '../../specs/raft-symmetric.ts'
import paxosNetSpec from '../../specs/paxos-net-retry.ts'
import multiPaxosSpec from '../../specs/multi-paxos-three-acceptors.ts'
import primaryBackupSpec from '../../specs/primary-backup-reads.ts'
import capSpec from '../../specs/cap-cp-naive.ts'
import eventualSpec from '../../specs/eventual-consistency.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { ModelError } from '../../src/core/errors.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { codecFor, msgpackCodec } from '../../src/parallel/codec.ts'
import { schemaCodec } from '../../src/parallel/schema-codec.ts'
import type { Schema } from '../../src/state/schema.ts'
import { schema } from '../../src/state/schema.ts'
import { fingerprint, fp } from '../../src/state/fingerprint.ts'
import { bfs } from '../../src/explore/bfs.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import { comparable } from './compare.ts'
import orderSpec from './fixtures/schema-order.ts'

/** Equal, and every object's keys in the same order. */
const exact = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.entries(x) : x))

const S: Schema = schema.record({
  e: schema.enum('a', 'b', 'c'),
  n: schema.int(-300, 300),
  b: schema.bool(),
  opt: schema.nullable(schema.enum('x', 'y')),
  list: schema.setOf(schema.union('type', { P: { rm: schema.enum('r1', 'r2') }, C: {} })),
  m: schema.mapOf(['k1', 'k2'], schema.int(0, 1000)),
})

const valid = fc.record({
  e: fc.constantFrom('a', 'b', 'c'),
  n: fc.integer({ min: -300, max: 300 }).map((n) => (Object.is(n, -0) ? 0 : n)),
  b: fc.boolean(),
  opt: fc.constantFrom(null, 'x', 'y'),
  // A variant's tag may come anywhere among its keys (messages put it after from and to).
  list: fc.array(fc.oneof(fc.record({ type: fc.constant('P'), rm: fc.constantFrom('r1', 'r2') }), fc.constantFrom('r1', 'r2').map((rm) => ({ rm, type: 'P' })), fc.constant({ type: 'C' }))),
  m: fc.record({ k1: fc.integer({ min: 0, max: 1000 }), k2: fc.integer({ min: 0, max: 1000 }) }),
})

/** A valid state made invalid in one way. */
const broken = fc.tuple(valid, fc.integer({ min: 0, max: 6 })).map(([s, how]): unknown => {
  switch (how) {
    case 0:
      return { ...s, n: 301 }
    case 1:
      return { ...s, n: -0 }
    case 2:
      return { n: s.n, e: s.e, b: s.b, opt: s.opt, list: s.list, m: s.m } // keys out of order
    case 3:
      return { ...s, extra: 1 }
    case 4: {
      const { b: _b, ...rest } = s
      return rest
    }
    case 5:
      return { ...s, e: 'z' }
    default:
      return { ...s, list: [{ type: 'P', rm: 'r1', extra: 1 }] } // a union variant with a key too many
  }
})

describe('schema codec', () => {
  it('falls back for a model whose key order differs from its schema, and the parallel search still equals the sequential one', async () => {
    const url = new URL('./fixtures/schema-order.ts', import.meta.url).href
    const o = resolveOptions({ specUrl: url })
    const p = prepare(orderSpec, o)
    expect(codecFor(p).encode(p.initStates())[0]).toBe(0)
    const seq = await bfs(p, o)
    const po = resolveOptions({ specUrl: url, workers: 2 })
    const par = await parallelBfs(prepare(orderSpec, po), po, { pool: 'threads', minSlice: 1 })
    expect(seq.stats.distinct).toBe(602)
    expect(comparable(par)).toEqual(comparable(seq))
  })

  const codec = schemaCodec(S, msgpackCodec())!

  it('round-trips valid states in the compiled form, exactly', () => {
    fc.assert(
      fc.property(fc.array(valid, { maxLength: 20 }), (states) => {
        const bytes = codec.encode(states)
        expect(bytes[0]).toBe(1)
        expect(exact(codec.decode(bytes))).toBe(exact(states))
      }),
    )
  })

  it('sends a chunk with a state outside the schema to msgpackr, and still round-trips it exactly', () => {
    fc.assert(
      fc.property(fc.array(valid, { maxLength: 5 }), broken, fc.array(valid, { maxLength: 5 }), (a, bad, b) => {
        const states = [...a, bad, ...b]
        const bytes = codec.encode(states)
        expect(bytes[0]).toBe(0)
        const back = codec.decode(bytes)
        // (JSON shows -0 as 0: msgpackr, the fallback, writes -0 as 0, as it always has.)
        expect(exact(back)).toBe(exact(states))
      }),
    )
  })

  it('round-trips unions and enums of 256 choices (the most an index byte holds) and more (indices past one byte)', () => {
    for (const n of [256, 300]) {
      const tags = Array.from({ length: n }, (_, i) => `T${i}`)
      const wide = schema.record({ m: schema.union('type', Object.fromEntries(tags.map((t) => [t, {}]))), e: schema.enum(...tags) })
      const c = schemaCodec(wide, msgpackCodec())!
      const states = [0, 127, 128, 255, ...(n > 256 ? [256] : []), n - 1].map((i) => ({ m: { type: tags[i] }, e: tags[n - 1 - i] }))
      const bytes = c.encode(states)
      expect(bytes[0]).toBe(1)
      expect(exact(c.decode(bytes))).toBe(exact(states))
    }
  })

  it('is not made for a schema with `any` in it', () => {
    expect(schemaCodec(schema.record({ x: schema.list(schema.any()) }), msgpackCodec())).toBeUndefined()
  })

  it('round-trips every reachable 2PC state, fingerprints unchanged, in the compiled form', () => {
    const p = prepare(spec, resolveOptions({ params: { rms: 3 } }))
    const c = codecFor(p)
    const all = reachable(p)
    expect(all.length).toBe(288)
    const bytes = c.encode(all)
    expect(bytes[0]).toBe(1)
    const back = c.decode(bytes)
    expect(exact(back)).toBe(exact(all))
    back.forEach((s, i) => {
      p.fingerprintOf(s, null, fp)
      const k = `${fp.hi}:${fp.lo}`
      p.fingerprintOf(all[i], null, fp)
      expect(k).toBe(`${fp.hi}:${fp.lo}`)
    })
  })

  // primary-backup-reads: crashes, two promotions, and a history field the spec adds to the
  // model's schema.
  it.each([
    ['primary-backup', primaryBackupSpec, 3201],
    ['cap', capSpec, 100],
    ['eventual-consistency', eventualSpec, 1549],
  ] as const)('round-trips every reachable %s state in the compiled form, its compiled fingerprint the generic one', (_name, spec, count) => {
    const p = prepare(spec, resolveOptions({}))
    const c = codecFor(p)
    const all = reachable(p, (s) => {
      fingerprint(s)
      const k = `${fp.hi}:${fp.lo}`
      p.fingerprintOf(s, null, fp)
      expect(`${fp.hi}:${fp.lo}`).toBe(k)
    })
    expect(all.length).toBe(count)
    for (const s of all) expect(c.encode([s])[0]).toBe(1)
    const back = c.decode(c.encode(all))
    expect(exact(back)).toBe(exact(all))
  })

  it("gives a worker primary-backup's constant volatile parts (no write in progress)", () => {
    const p = prepare(primaryBackupSpec, resolveOptions({}))
    const c = codecFor(p)
    const all: unknown[] = []
    let level = p.initStates()
    for (let d = 0; d < 12 && level.length > 0; d++) {
      all.push(...level)
      level = level.slice(-100).flatMap((s) => p.expand(s).map(([, t]) => t))
    }
    type V = { role: string; pending: unknown }
    const back = c.decode(c.encode(all)) as { replicas: Record<string, { volatile: V }> }[]
    const idle = back.flatMap((s) => Object.values(s.replicas).map((r) => r.volatile)).filter((v) => v.pending === null)
    expect(new Set(idle.map((v) => v.role))).toEqual(new Set(['primary', 'backup', 'recovering']))
    expect(new Set(idle).size).toBe(3)
    // The model's own: the initial primary's and backups' are its constants.
    const init = all[0] as (typeof back)[number]
    expect(idle).toContain(init.replicas.p?.volatile)
    expect(idle).toContain(init.replicas.b1?.volatile)
  })

  it('round-trips Raft states, messages tagged after from and to, in the compiled form', () => {
    const p = prepare(raftSpec, resolveOptions({}))
    const c = codecFor(p)
    const all: unknown[] = []
    let level = p.initStates()
    for (let d = 0; d < 8 && level.length > 0; d++) {
      all.push(...level)
      level = level.slice(0, 200).flatMap((s) => p.expand(s).map(([, t]) => t))
    }
    expect(all.length).toBeGreaterThan(1000)
    for (const s of all) expect(c.encode([s])[0]).toBe(1)
    const back = c.decode(c.encode(all)) as { net: { inFlight: object[] } }[]
    expect(exact(back)).toBe(exact(all))
    // Decoded messages are interned: one object per distinct message, across states and chunks.
    const again = c.decode(c.encode(all)) as typeof back
    const objects = new Set(back.flatMap((s) => s.net.inFlight))
    const contents = new Set([...objects].map((m) => exact(m)))
    expect(objects.size).toBe(contents.size)
    expect(back[back.length - 1]?.net.inFlight.length).toBeGreaterThan(0)
    expect(again[again.length - 1]?.net.inFlight[0]).toBe(back[back.length - 1]?.net.inFlight[0])
    // They are the model's own instances (its schema's `intern`), and so are the logs; the
    // history variables are shared by their encoding.
    type R = { net: { inFlight: object[] }; servers: Record<string, { durable: { log: unknown } }>; elected: unknown }
    const before = all as R[]
    const after = back as unknown as R[]
    after.forEach((s, i) => {
      s.net.inFlight.forEach((m, k) => expect(m).toBe(before[i]?.net.inFlight[k]))
      for (const [id, x] of Object.entries(s.servers)) expect(x.durable.log).toBe(before[i]?.servers[id]?.durable.log)
    })
    expect(new Set(after.map((s) => s.elected)).size).toBe(new Set(after.map((s) => exact(s.elected))).size)
  })

  it("returns a union's or a record's `intern` instance in place of the decoded copy", () => {
    const one = { kind: 'A', n: 1 }
    const seen: unknown[] = []
    const S = schema.record({
      m: schema.union('kind', { A: { n: schema.int(0, 3) }, B: {} }, { intern: (v) => (seen.push(v), exact(v) === exact(one) ? one : v) }),
      r: schema.list(schema.record({ x: schema.int(0, 9) }, { intern: (v) => Object.freeze(v) })),
    })
    const c = schemaCodec(S, msgpackCodec())!
    const states = [{ m: one, r: [{ x: 1 }] }, { m: { kind: 'A', n: 1 }, r: [{ x: 1 }, { x: 2 }] }, { m: { kind: 'B' }, r: [] }]
    const back = c.decode(c.encode(states)) as { m: unknown; r: object[] }[]
    expect(exact(back)).toBe(exact(states))
    expect(back[0]?.m).toBe(one)
    expect(back[1]?.m).toBe(one)
    // Asked once per distinct encoding, then remembered by the bytes.
    expect(seen.length).toBe(2)
    expect(back[1]?.r[0]).toBe(back[0]?.r[0])
    expect(Object.isFrozen(back[1]?.r[1])).toBe(true)
  })

  it('interns values of every length: past one length byte (255), past the table (4 KiB) and past two bytes (65,535)', () => {
    // An interned list of one-byte ints (under 64) inside an interned record: a list of n takes n
    // bytes and its length's varint (1 byte under 64, 2 under 8,192, else 3), so the lengths below
    // put it on each side of 255 and 65,535 bytes (its length prefix) and of 4,096 (what the table keeps).
    const S = schema.list(schema.record({ tag: schema.int(0, 1e6), xs: schema.list(schema.int(0, 100), { intern: (v) => v }) }, { intern: (v) => v }))
    const lengths = [0, 1, 63, 64, 252, 253, 254, 4093, 4094, 4095, 65532, 65533, 65534, 70000]
    const bytesOf = (n: number): number => n + (n < 64 ? 1 : n < 8192 ? 2 : 3)
    const list = (n: number): number[] => Array.from({ length: n }, (_, k) => k % 50)
    const states = lengths.flatMap((n, i) => [[{ tag: i, xs: list(n) }], [{ tag: i, xs: list(n) }]])
    const c = schemaCodec(S, msgpackCodec())!
    const bytes = c.encode(states)
    expect(bytes[0]).toBe(1) // the compiled form, not msgpackr
    const back = c.decode(bytes) as { tag: number; xs: number[] }[][]
    expect(exact(back)).toBe(exact(states))
    // Equal values of at most 4,096 bytes come back as one object; longer ones are decoded each time.
    lengths.forEach((n, i) => {
      const [a, b] = [back[2 * i]?.[0]?.xs, back[2 * i + 1]?.[0]?.xs]
      if (bytesOf(n) <= 4096) expect(b, `${n} ints`).toBe(a)
      else expect(b, `${n} ints`).not.toBe(a)
    })
    expect(lengths.map(bytesOf).filter((b) => b === 4096 || b === 4097)).toEqual([4096, 4097])
  })

  it('copies a value met again in a chunk from where it was written, and only while those bytes stay put', () => {
    // States built from a small pool of shared parts, as a parent's successors share its records
    // and messages: the encoder's memo (by identity) copies their bytes. An interned list past 255
    // bytes moves what it holds by two when its length prefix grows (`long`), and a part written
    // inside it is met again after it; a later chunk meets the same objects with other offsets.
    const Part = schema.record({ a: schema.int(0, 1 << 20), tag: schema.union('type', { X: { n: schema.int(0, 9) }, Y: {} }) })
    const S = schema.record({ big: schema.list(Part, { intern: (v) => v }), small: Part, also: schema.list(Part) })
    const c = schemaCodec(S, msgpackCodec())!
    const pool = Array.from({ length: 12 }, (_, i) => ({ a: (i * 7919) % (1 << 20), tag: i % 3 === 0 ? { type: 'Y' } : { type: 'X', n: i % 10 } }))
    const part = fc.integer({ min: 0, max: pool.length - 1 }).map((i) => pool[i] as (typeof pool)[number])
    const state = fc.record({ big: fc.array(part, { maxLength: 120, size: 'max' }), small: part, also: fc.array(part, { maxLength: 4 }) })
    // The case the memo must not get wrong, pinned: parts written inside a list that then moves
    // (the last ones it holds), met again after it. First: a wrong copy can make a random
    // chunk's decoding build huge lists.
    const big = Array.from({ length: 100 }, (_, i) => pool[i % pool.length] as (typeof pool)[number])
    const pinned = [{ big, small: big[99], also: [big[98] as (typeof pool)[number]] }]
    expect(exact(c.decode(c.encode(pinned)))).toBe(exact(pinned))
    // And parts of one chunk met in the next, where other bytes lie at their old offsets.
    const [p1, p2, p3, p4] = [pool[1], pool[2], pool[3], pool[4]] as (typeof pool)[number][]
    const next = [{ big: [p3, p4], small: p2, also: [p1] }]
    c.encode([{ big: [], small: p1, also: [p2] }])
    expect(exact(c.decode(c.encode(next)))).toBe(exact(next))
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 12 }), fc.array(state, { maxLength: 6 }), (one, two) => {
        // A shared list object too, and every state once more (each part already written).
        const states = [...one, { ...(one[0] as (typeof one)[number]), also: (one[0] as (typeof one)[number]).big }, ...one]
        for (const chunk of [states, two, states]) {
          const bytes = c.encode(chunk)
          expect(bytes[0]).toBe(1)
          expect(exact(c.decode(bytes))).toBe(exact(chunk))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('keeps interning exactly while its table grows and starts afresh (2^16 values)', () => {
    const S = schema.list(schema.record({ a: schema.int(0, 1 << 20), b: schema.enum('x', 'y') }, { intern: (v) => Object.freeze(v) }))
    const c = schemaCodec(S, msgpackCodec())!
    const chunk = (from: number, n: number): unknown[] => Array.from({ length: n }, (_, i) => [{ a: from + i, b: i % 3 === 0 ? 'x' : 'y' }, { a: from + i + 1, b: 'x' }])
    const first = c.decode(c.encode(chunk(0, 40000))) as object[][]
    // 80,000 more values: past 2^16, so the table is cleared on the way.
    const second = c.decode(c.encode(chunk(40000, 40000))) as object[][]
    expect(exact(second)).toBe(exact(chunk(40000, 40000)))
    // Within a chunk, equal values are one object: element 1 of state i is element 0 of state i+1
    // whenever their b agree.
    let shared = 0
    for (let i = 0; i + 1 < first.length; i++) if (i % 3 === 2) (expect(first[i]?.[1]).toBe(first[i + 1]?.[0]), shared++)
    expect(shared).toBeGreaterThan(10000)
    const again = c.decode(c.encode(chunk(79990, 5))) as object[][]
    expect(exact(again)).toBe(exact(chunk(79990, 5)))
    expect(again[0]?.[0]).toBe(second[39990]?.[0])
  })

  it.each([
    ['paxos-net', paxosNetSpec, 10],
    ['multi-paxos', multiPaxosSpec, 0],
  ] as const)("gives a worker %s's own message and vote instances (its tables are keyed by them)", (_name, spec, minVotes) => {
    const p = prepare(spec, resolveOptions({}))
    const c = codecFor(p)
    const all: unknown[] = []
    let level = p.initStates()
    for (let d = 0; d < 16 && level.length > 0; d++) {
      all.push(...level)
      level = level.slice(-60).flatMap((s) => p.expand(s).map(([, t]) => t))
    }
    type S = { net: { sent: object[] }; votes?: object[] }
    const back = c.decode(c.encode(all)) as S[]
    expect(exact(back)).toBe(exact(all))
    const before = all as S[]
    let messages = 0
    let votes = 0
    back.forEach((s, i) => {
      s.net.sent.forEach((m, k) => expect(m).toBe(before[i]?.net.sent[k]))
      s.votes?.forEach((v, k) => expect(v).toBe(before[i]?.votes?.[k]))
      messages += s.net.sent.length
      votes += s.votes?.length ?? 0
    })
    expect(messages).toBeGreaterThan(1000)
    expect(votes).toBeGreaterThanOrEqual(minVotes)
  })
})

/** Every reachable state of `p`, breadth first, each once (by `p`'s fingerprint); `visit` sees
 * each before it is expanded. */
function reachable(p: ReturnType<typeof prepare>, visit?: (s: unknown) => void): unknown[] {
  const seen = new Set<string>()
  const all: unknown[] = []
  let level = p.initStates()
  while (level.length > 0) {
    const next: unknown[] = []
    for (const s of level) {
      p.fingerprintOf(s, null, fp)
      const k = `${fp.hi}:${fp.lo}`
      if (seen.has(k)) continue
      seen.add(k)
      visit?.(s)
      all.push(s)
      for (const [, t] of p.expand(s)) next.push(t)
    }
    level = next
  }
  return all
}

// A lone surrogate came back as U+FFFD, an own "__proto__" key renamed and an Immutable.js List an
// array, so states that crossed threads or a checkpoint became other states (wrong counts, exit
// 0); a bigint past 64 bits was an "internal error" (a helper's tour, a reviewer's). Every state
// is walked (a sampled round trip let a late one through).
// Whole numbers past 32 bits are a schema int's now: every safe one crosses as it was (zigzag
// made -(2^52 + 1) an odd number past 2^53, rounded: it came back as 2^52; a reviewer's find).
describe('schema codec, wide ints', () => {
  it('round-trips every safe integer within ±Infinity bounds', () => {
    const c = schemaCodec(schema.record({ x: schema.int(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY) }), msgpackCodec())!
    const xs = [0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 52, -(2 ** 52), 2 ** 52 + 1, -(2 ** 52) - 1, 2 ** 53 - 1, -(2 ** 53 - 1), -(2 ** 53 - 3)]
    const states = xs.map((x) => ({ x }))
    expect(c.decode(c.encode(states))).toEqual(states)
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger().map((x) => ({ x: x === 0 ? 0 : x }))), (ss) => {
        expect(c.decode(c.encode(ss))).toEqual(ss)
      }),
    )
  })
})

describe('msgpack, for states without a schema', () => {
  it('refuses what it would not give back as it was, in one line', () => {
    const refused = (s: unknown): string => {
      try {
        msgpackCodec().encode([{ ok: 1 }, s])
      } catch (e) {
        expect(e).toBeInstanceOf(ModelError)
        return (e as Error).message
      }
      return 'accepted'
    }
    expect(refused({ x: '\uD800' })).toMatch(/^the state \{"x":"\\ud800"\} cannot cross threads or go into a checkpoint as msgpack \(.*\): state\.x holds a lone UTF-16 surrogate; keep such values out of the state$/)
    expect(refused({ k: JSON.parse('{"__proto__": 1}') })).toMatch(/: state\.k has an own key __proto__;/)
    expect(refused({ b: 2n ** 64n })).toMatch(/: state\.b is a bigint past 64 bits;/)
    expect(refused({ l: List([1]) })).toMatch(/: state\.l is not plain data \(an Immutable\.js collection/)
    expect(refused({ x: '\uD800\uDC00', b: 2n ** 63n - 1n, n: -(2n ** 63n), k: { a: 'x' }, z: Object.assign(Object.create(null), { a: 1 }) })).toBe('accepted')
  })
})
