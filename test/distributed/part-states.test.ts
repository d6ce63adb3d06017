/**
 * A partition's states (`src/distributed/part-states.ts`): a packed model checked as itself is held
 * and expanded as words, and its successors (names, ordinals, fingerprints, states) are those of
 * the plain interface; words survive a batch or checkpoint encoding unchanged.
 */
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import type { Prepared } from '../../src/explore/prepare.ts'
import { SearchSink } from '../../src/explore/search-sink.ts'
import type { Keeper, SearchObserver, Visited } from '../../src/explore/search-sink.ts'
import type { Coverage } from '../../src/explore/sink.ts'
import { partStates } from '../../src/distributed/part-states.ts'
import type { Fired, PartStates, StateList } from '../../src/distributed/part-states.ts'
import { packedRuntimeOf } from '../../src/packed/packed-bfs.ts'
import { packedModel } from '../../src/packed/index.ts'
import { defineSpec, ids } from '../../src/index.ts'
import type { AnySpec } from '../../src/index.ts'
import { definition } from '../../models/two-phase-commit-packed.ts'
import packedSpec from '../../specs/two-phase-commit-packed.ts'
import plainSpec from '../../specs/two-phase-commit.ts'

/** A search sink over `ps` (as a partition's level runs, `partition-run.ts`) that tells `found` each
 * successor with its action name, ordinal and fingerprint, and `self` each stutter. */
function sinkFor(
  p: Prepared,
  ps: PartStates,
  found: (name: string, ordinal: number, t: unknown, hi: number, lo: number) => void = () => {},
  self: (name: string, ordinal: number, t: unknown) => void = () => {},
): SearchSink<unknown, unknown> {
  let [hi, lo] = [0, 0]
  const keeper: Keeper<unknown> & Visited = {
    coverage: new Map<string, Coverage>(),
    size: 0,
    bytes: () => 0,
    pathTo: () => [],
    ordinal: () => 0,
    insert: (h: number, l: number) => {
      ;[hi, lo] = [h, l]
      return 0
    },
    found: (t, _idx, _from, ordinal, c) => found((c as Fired).name, ordinal, t, hi, lo),
    deadlock: () => {},
  }
  const observer: Omit<SearchObserver, 'visited'> = {
    found() {},
    seenAgain() {},
    begin() {},
    cut() {},
    step() {},
    toSelf: (_u, _s, a, ordinal, t) => self(a.name, ordinal, t),
    end() {},
    finish() {},
  }
  return new SearchSink<unknown, unknown>(p, resolveOptions(), ps, keeper, ps.tracker(), observer, { keeper, sound: undefined })
}

/** The successors, as `ps` sees them, of the first `levels` BFS levels (50 states a level at
 * most); `list` makes a frontier of `ps`'s kind. */
function walk(p: Prepared, ps: PartStates, first: unknown[], levels: number, list: (states: unknown[]) => StateList, show: (s: unknown) => unknown): unknown[] {
  const seen: unknown[] = []
  let next: unknown[] = []
  const sink = sinkFor(
    p,
    ps,
    (name, ordinal, t, hi, lo) => {
      seen.push([name, ordinal, hi, lo, false, show(t)])
      // Words are the model's scratch: keep a copy.
      next.push(t instanceof Int32Array ? t.slice() : t)
    },
    (name, ordinal, t) => seen.push([name, ordinal, true, show(t)]),
  )
  let frontier = list(first)
  for (let l = 0; l < levels; l++) {
    next = []
    for (let i = 0; i < frontier.length; i++) {
      sink.begin(i, frontier.at(i))
      seen.push(ps.expand(frontier, i, i, sink))
    }
    frontier = list(next.slice(0, 50))
  }
  return seen
}

describe('partition states', () => {
  const options = resolveOptions({ params: { rms: 3 } })
  const pw = prepare(packedSpec, options)
  const words = partStates(pw)
  const pd = prepare(packedSpec, { ...options, debug: true })
  const plain = partStates(pd)

  it('a packed model runs on words (not in debug mode, which needs plain states)', () => {
    expect(words.packed).toBe(true)
    expect(plain.packed).toBe(false)
  })

  const p = prepare(packedSpec, options)
  const rt = packedRuntimeOf(p)!

  it('expands words to the plain interface successors: names, ordinals, fingerprints, states', () => {
    const inits = rt.init()
    const asWords = (states: unknown[]): StateList => words.decode(new Uint8Array(Int32Array.from(states.flatMap((s) => [...(s as Int32Array)])).buffer))
    const a = walk(pw, words, [...inits], 4, asWords, (s) => rt.decode(s as Int32Array))
    const b = walk(pd, plain, inits.map((s) => rt.decode(s)), 4, (states) => states, (s) => s)
    expect(a.length).toBeGreaterThan(100)
    expect(a).toEqual(b)
  })

  it('keeps candidates as copies and gathers a frontier in the order given, through a batch and back', () => {
    const w = rt.words
    const state = (x: number): Int32Array => Int32Array.from({ length: w }, (_, i) => x + i)
    const list = (l: StateList): number[][] => Array.from({ length: l.length }, (_, i) => [...(l.at(i) as Int32Array)])
    const scratch = state(5)
    words.setCand(0, scratch)
    scratch[0] = 99
    words.setCand(1, state(20))
    words.setCand(2, state(30))
    expect([...(words.cand(0) as Int32Array)]).toEqual([...state(5)])
    const f = words.frontierOf(Int32Array.from([2, 0, 1]), 2)
    expect(list(f)).toEqual([state(30), state(5)].map((s) => [...s]))
    expect(list(words.decode(words.encode(f)))).toEqual(list(f))
    const b = words.batch()
    for (const x of [1, 3, 5]) b.push(state(x))
    expect(list(words.decode(b.bytes(1, 3).slice()))).toEqual([state(3), state(5)].map((s) => [...s]))
  })

  it('keeps plain candidates in the compiled form as bytes: a later one for the same index replaces it, the frontier decodes in the order given', () => {
    const q = prepare(plainSpec, options)
    const enc = partStates(q)
    const states = walk(q, enc, [...q.initStates()], 2, (l) => l, (s) => s)
      .filter((x): x is unknown[] => Array.isArray(x) && x[4] === false)
      .map((x) => x[5])
    expect(states.length).toBeGreaterThan(5)
    const [a, b, c, d] = states
    enc.clearCands()
    enc.setCand(0, a)
    enc.setCand(1, b)
    enc.setCand(2, c)
    enc.setCand(1, d)
    expect(enc.cand(1)).toEqual(d)
    const f = enc.frontierOf(Int32Array.from([2, 1, 0]), 3)
    // The frontier is its own copy: the next level's candidates do not disturb it.
    enc.clearCands()
    enc.setCand(0, b)
    expect(Array.from({ length: f.length }, (_, i) => f.at(i))).toEqual([c, d, a])
    expect(f.at(1)).not.toBe(d)
    expect(enc.decode(enc.encode(f))).toEqual([c, d, a])
    // Through a batch: each state's bytes, kept as they came.
    const batch = enc.batch()
    for (const x of [a, b, c, d]) batch.push(x)
    const got = enc.received(batch.bytes(1, 4), 3)
    expect(got.at(0)).toBeInstanceOf(Uint8Array)
    enc.setCand(5, got.at(2))
    enc.setCand(6, got.at(0))
    expect([enc.cand(5), enc.cand(6)]).toEqual([d, b])
    expect(() => enc.received(batch.bytes(1, 4), 2)).toThrow(/a batch of 2 states has/)
  })

  it('keeps plain candidates without a compiled form as objects, and a batch as one message', () => {
    const states = walk(pd, plain, rt.init().map((s) => rt.decode(s)), 2, (l) => l, (s) => s)
      .filter((x): x is unknown[] => Array.isArray(x) && x[4] === false)
      .map((x) => x[5])
    const [a, b, c] = states
    const batch = plain.batch()
    for (const x of [a, b, c]) batch.push(x)
    const got = plain.received(batch.bytes(0, 3), 3)
    expect(Array.from({ length: got.length }, (_, i) => got.at(i))).toEqual([a, b, c])
    plain.clearCands()
    plain.setCand(0, a)
    plain.setCand(1, b)
    expect(plain.cand(1)).toBe(b)
    const f = plain.frontierOf(Int32Array.from([1, 0]), 2)
    expect([f.at(0), f.at(1)]).toEqual([b, a])
  })

  it('names the action that writes into its input state, as the packed BFS does', () => {
    const bad = packedModel({
      ...definition,
      name: 'writes-input',
      next: (k, s, out) => {
        out.add(0, 0, null)
        if (k.tmState.get(s) === 'init') k.tmState.set(s, 'aborted')
        out.add(1, 0, null)
      },
    })
    const spec = defineSpec({ name: 'writes-input', model: bad, params: { rms: 2 }, config: (q) => ({ rms: ids('r', q.rms as number) }) }) as AnySpec
    const q = prepare(spec, resolveOptions({}))
    const ps = partStates(q)
    expect(ps.packed).toBe(true)
    const first = ps.decode(new Uint8Array(Int32Array.from([...(packedRuntimeOf(q)!.init()[0] as Int32Array)]).buffer))
    const sink = sinkFor(q, ps)
    sink.begin(0, first.at(0))
    expect(() => ps.expand(first, 0, 0, sink)).toThrow(/^model writes-input: .*action TMAbort wrote into its input state/)
  })
})
