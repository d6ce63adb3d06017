/**
 * A view or symmetry keeps one state per key and checks the safety properties and the constraint
 * on it alone; `key-soundness.ts` compares the answers of the states merged with it: over the
 * first WINDOW steps of every run, over the whole search with `debug`.
 */
import { describe, expect, it } from 'vitest'
import { always, canonicalize, check, defineSpec, renameKeys } from '../../src/index.ts'
import type { AnySpec, Model } from '../../src/index.ts'
import { KeySoundness, WINDOW } from '../../src/explore/key-soundness.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import unsoundView from './fixtures/unsound-view.ts'
import armedView, { armed } from './fixtures/armed-view.ts'

type Pair = { readonly a: number; readonly b: number }

/** Two interchangeable counters up to 2; B steps first, so the orbit {(1,2), (2,1)} is kept as
 * (1,2). `NotTwoOne` names counter a: it fails only in (2,1), which symmetry merges with (1,2). */
const pairs = (prop: (s: Pair) => boolean): Model<null, Pair> => ({
  name: 'pairs',
  init: () => [{ a: 0, b: 0 }],
  next: (_c, s) => {
    const out: [{ name: string }, Pair][] = []
    if (s.b < 2) out.push([{ name: 'IncB' }, { ...s, b: s.b + 1 }])
    if (s.a < 2) out.push([{ name: 'IncA' }, { ...s, a: s.a + 1 }])
    return out
  },
  symmetry: (_c, s) => (s.a <= s.b ? s : { a: s.b, b: s.a }),
  properties: [always('NotTwoOne', (_c, s) => prop(s)), always('Bounded', (_c, s) => s.a <= 2 && s.b <= 2)],
})
const pairSpec = (prop: (s: Pair) => boolean, constraint?: (s: Pair) => boolean): AnySpec =>
  defineSpec({ name: 'pairs', model: pairs(prop), config: null, symmetry: true, ...(constraint ? { constraint: (_c: null, s: Pair) => constraint(s) } : {}) }) as AnySpec

describe('symmetry', () => {
  it('refuses a property that names one of the symmetric ids, where the full search finds a violation it would miss', async () => {
    const notTwoOne = (s: Pair): boolean => !(s.a === 2 && s.b === 1)
    // Without symmetry, (2,1) is reached: the property is violated.
    const full = await check(defineSpec({ name: 'pairs', model: pairs(notTwoOne), config: null }) as AnySpec)
    expect(full.properties.find((p) => p.name === 'NotTwoOne')?.verdict).toBe('violated')
    await expect(check(pairSpec(notTwoOne))).rejects.toThrow(
      /^model pairs: its symmetry is unsound for property NotTwoOne: two states in one symmetry orbit \(renamings of each other\) disagree on it .*state \{"a":1,"b":2\} and state \{"a":2,"b":1\} \(reached by IncA\); they differ in a: 1 → 2, b: 2 → 1$/,
    )
  })

  it('passes a symmetric property, with the counts of the reduced search', async () => {
    const r = await check(pairSpec((s) => s.a + s.b !== 5), { debug: true })
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'holds'])
    expect(r.stats.distinct).toBe(6)
  })

  it('refuses a constraint that names one of the symmetric ids', async () => {
    await expect(check(pairSpec(() => true, (s) => s.a < 2))).rejects.toThrow(/^spec pairs: its constraint is unsound under the model's symmetry: .*make the constraint read no particular id of the symmetric ones/)
  })
})

const counterSpec = (limit: number, from: number): AnySpec => defineSpec({ ...(unsoundView as AnySpec), params: { limit, from } } as never) as AnySpec
const specUrl = new URL('./fixtures/unsound-view.ts', import.meta.url).href

describe('a hand-written symmetry, with --debug', () => {
  // Two counters p1, p2 to 2; a property that tells them apart. The search merges no two states
  // that disagree on it (each orbit's first state decides), so only a comparison with every
  // renaming finds it: a model built with symmetricNodes gives them (symmetryImages); a
  // hand-written symmetry gives its canonicalize call's groups and relabelling. It said "holds",
  // --debug included, where the full search finds the violation.
  type Flags = { readonly flag: Readonly<Record<string, number>> }
  const model: Model<{ ps: readonly string[] }, Flags, { name: 'Step'; p: string }> = {
    name: 'counters',
    init: (c) => [{ flag: Object.fromEntries(c.ps.map((p) => [p, 0])) }],
    next: (c, s) => c.ps.filter((p) => (s.flag[p] as number) < 2).map((p) => [{ name: 'Step', p }, { flag: { ...s.flag, [p]: (s.flag[p] as number) + 1 } }] as const),
    properties: [always('P2NotAheadBy2', (_c, s) => !(s.flag.p2 === 2 && s.flag.p1 === 0))],
    symmetry: (c, s) => canonicalize(s, [c.ps], (x, r) => ({ flag: renameKeys(x.flag, r) })),
  }
  const spec = defineSpec({ name: 'counters', model, config: { ps: ['p1', 'p2'] } })

  it('a symmetry that canonicalizes a part of the state: its representative alone (its relabelling fits that part only)', async () => {
    type Held = { readonly round: number; readonly holders: readonly string[] }
    const part: Model<{ ps: readonly string[] }, Held, { name: 'Take'; p: string }> = {
      name: 'part',
      init: () => [{ round: 0, holders: [] }],
      next: (c, s) => (s.round >= 2 ? [] : c.ps.filter((p) => !s.holders.includes(p)).map((p) => [{ name: 'Take', p }, { round: s.round + 1, holders: [...s.holders, p].sort() }] as const)),
      properties: [always('Few', (_c, s) => s.holders.length <= 2)],
      symmetry: (c, s) => ({ ...s, holders: canonicalize(s.holders, [c.ps], (h, r) => h.map(r).sort()) }),
    }
    // It was "internal error: h.map is not a function" with --debug.
    const r = await check(defineSpec({ name: 'part', model: part, config: { ps: ['p1', 'p2', 'p3'] } }), { symmetry: true, debug: true })
    expect([r.stats.distinct, r.properties[0]?.verdict]).toEqual([3, 'holds'])
  })

  it('compares every renaming of each new state and refuses the property', async () => {
    expect((await check(spec, { symmetry: false })).properties[0]?.verdict).toBe('violated')
    await expect(check(spec, { symmetry: true, debug: true })).rejects.toThrow(/its symmetry is unsound for property P2NotAheadBy2: two states in one symmetry orbit/)
  })
})

describe('a model whose steps a symmetry or a view does not keep', () => {
  // Two counters p1, p2 to `top`, and one step that singles out p2 (an edit that breaks the
  // symmetry): p2 may jump past `top` from (p1 0, p2 top). The property names no counter. The
  // search meets (top, 0) first (p1 steps first), so (0, top), in its orbit, is never expanded:
  // "holds" where the full search finds the violation. The answers agree; the steps do not.
  type Flags = { readonly flag: Readonly<Record<string, number>> }
  type Config = { readonly ps: readonly string[]; readonly top: number }
  const edited: Model<Config, Flags, { name: 'Step' | 'Jump'; p: string }> = {
    name: 'counters',
    init: (c) => [{ flag: Object.fromEntries(c.ps.map((p) => [p, 0])) }],
    next: (c, s) => {
      const out: [{ name: 'Step' | 'Jump'; p: string }, Flags][] = c.ps.filter((p) => (s.flag[p] as number) < c.top).map((p) => [{ name: 'Step', p }, { flag: { ...s.flag, [p]: (s.flag[p] as number) + 1 } }])
      if (s.flag.p2 === c.top && s.flag.p1 === 0) out.push([{ name: 'Jump', p: 'p2' }, { flag: { ...s.flag, p2: c.top + 1 } }])
      return out
    },
    properties: [always('AtMostTop', (c, s) => Object.values(s.flag).every((v) => v <= c.top))],
    symmetry: (c, s) => canonicalize(s, [c.ps], (x, r) => ({ flag: renameKeys(x.flag, r) })),
  }
  const specAt = (top: number) => defineSpec({ name: 'counters', model: edited, config: { ps: ['p1', 'p2'], top } })
  const unsound =
    /^model counters: its symmetry is unsound: two states in one symmetry orbit \(renamings of each other\) have different successors, so the search's result depends on which of them it meets first \(the model must treat the interchangeable ids alike: a renamed state must have the renamed steps\): Jump\(p2\) from the renaming \{"flag":\{"p2":2,"p1":0\}\} leads to a state whose orbit no step of state \{"flag":\{"p1":2,"p2":0\}\} \(reached by Step\(p1\)\) reaches; they differ in flag\.p1: 0 → 2, flag\.p2: 2 → 0$/

  it('a symmetry: renamings of each new state are expanded and their steps compared, in the first steps of every run', async () => {
    expect((await check(specAt(2))).properties[0]?.verdict).toBe('violated')
    await expect(check(specAt(2), { symmetry: true })).rejects.toThrow(unsound)
    await expect(check(specAt(2), { symmetry: true, debug: true })).rejects.toThrow(unsound)
  })

  it('past the first steps, with --debug only (a known gap, pinned)', async () => {
    // (20, 0) is the 121st key, met after the window of every run: the reduced search says
    // "holds" there, where the full search finds the violation; --debug looks at every key.
    expect((await check(specAt(20))).properties[0]?.verdict).toBe('violated')
    expect((await check(specAt(20), { symmetry: true })).properties[0]?.verdict).toBe('holds')
    await expect(check(specAt(20), { symmetry: true, debug: true })).rejects.toThrow(/^model counters: its symmetry is unsound: .*Jump\(p2\) from the renaming \{"flag":\{"p2":20,"p1":0\}\}/)
  })

  it('a symmetric model passes, with the counts of the reduced search', async () => {
    const symmetric: typeof edited = { ...edited, next: (c, s) => [...edited.next(c, s)].filter(([a]) => a.name === 'Step') }
    const r = await check(defineSpec({ name: 'counters', model: symmetric, config: { ps: ['p1', 'p2', 'p3'], top: 2 } }), { symmetry: true, debug: true })
    expect([r.stats.distinct, r.properties[0]?.verdict]).toEqual([10, 'holds'])
  })

  it('a renaming whose next throws stops the check (the search never expands it): no internal error', async () => {
    // p2 never gets ahead of p1, and next throws where it is: on the renaming of (1, 0), which the
    // check expands. It was "RangeError: offset is out of bounds" (the check kept the key's
    // answers in the table it had just dropped).
    const thrower: Model<Config, Flags, { name: 'Step'; p: string }> = {
      ...edited,
      name: 'thrower',
      next: (c, s) => {
        if ((s.flag.p2 as number) > (s.flag.p1 as number)) throw new Error('p2 ahead')
        return c.ps.filter((p) => (s.flag[p] as number) < c.top && (p === 'p1' || (s.flag.p2 as number) < (s.flag.p1 as number))).map((p) => [{ name: 'Step', p }, { flag: { ...s.flag, [p]: (s.flag[p] as number) + 1 } }] as const)
      },
    }
    const spec = defineSpec({ name: 'thrower', model: thrower, config: { ps: ['p1', 'p2'], top: 2 } })
    for (const debug of [false, true]) expect((await check(spec, { symmetry: true, debug })).properties[0]?.verdict).toBe('holds')
  })

  it('a write into a state it expands is reported (the search, expanding the written state, would find nothing changed)', async () => {
    // next writes into the initial state only; the check expands it first. The write was swallowed
    // with the check's other errors, and the run said "holds".
    type Written = { n: number; h: number }
    const writer: Model<null, Written> = {
      name: 'writer',
      init: () => [{ n: 0, h: 0 }],
      next: (_c, s) => {
        if (s.n === 0) s.h = 7
        return s.n < 3 ? [[{ name: 'Inc' }, { n: s.n + 1, h: 0 }]] : []
      },
      view: (_c, s) => s.n,
      properties: [always('Ok', () => true)],
    }
    const { view: _v, ...plain } = writer
    const mutated = /^model writer: next mutated a state \(states are immutable\)/
    await expect(check(defineSpec({ name: 'writer', model: plain, config: null }))).rejects.toThrow(mutated)
    await expect(check(defineSpec({ name: 'writer', model: writer, config: null }))).rejects.toThrow(mutated)
  })

  const armedSpec = armedView as AnySpec

  it('a view: a state met again under a key, not the same state, is expanded and its steps compared', async () => {
    const { view: _v, ...full } = armed
    expect((await check(defineSpec({ name: 'armed', model: full, config: null }) as AnySpec)).properties[0]?.verdict).toBe('violated')
    // In the first steps of every run, as with --debug over the whole search.
    await expect(check(armedSpec)).rejects.toThrow(/^model armed: its view is unsound: two states with the same view have different successors/)
    await expect(check(armedSpec, { debug: true })).rejects.toThrow(
      /^model armed: its view is unsound: two states with the same view have different successors, .*\(a view must keep what decides the steps: two states with one view must have the same successors up to the view\): Arm from state \{"n":1,"armed":false\} leads to a state whose view no step of state \{"n":1,"armed":true\} \(reached by Arm\) reaches; they differ in armed: false → true$/,
    )
    // With DFS, and on two worker threads, too.
    await expect(check(armedSpec, { debug: true, strategy: 'dfs' })).rejects.toThrow(/its view is unsound: two states with the same view have different successors/)
    const o = resolveOptions({ workers: 2, specUrl: new URL('./fixtures/armed-view.ts', import.meta.url).href, debug: true })
    await expect(parallelBfs(prepare(armedSpec, o), o, { pool: 'threads', inlineBelow: 0 })).rejects.toThrow(/^model armed: its view is unsound: two states with the same view have different successors, .*: Arm from state/)
  })
})

describe('merged states whose futures differ later', () => {
  // A counter to 3 and a mark that any state may toggle; the view drops the mark, and the property
  // reads it only at 3. The states merged under a view (1 marked, 1 unmarked) agree on the
  // property and have steps to the same views: they differ only two steps later, in states the
  // search never generates (their parent was merged). Every run reports "holds"; --debug walks
  // the two futures together (`walk`) and finds them.
  type Marked = { readonly n: number; readonly mark: boolean }
  const marked: Model<null, Marked> = {
    name: 'marked',
    init: () => [{ n: 0, mark: false }],
    next: (_c, s) => {
      const out: [{ name: string }, Marked][] = []
      if (s.n < 3) out.push([{ name: 'Inc' }, { ...s, n: s.n + 1 }])
      if (s.n === 1) out.push([{ name: 'Toggle' }, { ...s, mark: !s.mark }])
      return out
    },
    view: (_c, s) => s.n,
    properties: [always('NotMarkedAtThree', (_c, s) => !(s.n === 3 && s.mark))],
  }
  const spec = defineSpec({ name: 'marked', model: marked, config: null }) as AnySpec

  it('the full search finds the violation; a run without --debug does not (a known gap, pinned)', async () => {
    const { view: _v, ...full } = marked
    expect((await check(defineSpec({ name: 'marked', model: full, config: null }) as AnySpec)).properties[0]?.verdict).toBe('violated')
    expect((await check(spec)).properties[0]?.verdict).toBe('holds')
  })

  it('--debug walks the futures of merged states together and refuses the view, naming the steps', async () => {
    await expect(check(spec, { debug: true })).rejects.toThrow(
      /^model marked: its view is unsound for property NotMarkedAtThree: two states with the same view disagree on it \(make the view keep what it reads\): state \{"n":3,"mark":false\} and state \{"n":3,"mark":true\}; they differ in mark: false → true — states the search never generates: 2 steps \(Inc, Inc\) on from two states it merged, state \{"n":1,"mark":false\} and state \{"n":1,"mark":true\} \(reached by Toggle\), which agree where they merge; they differ in mark: false → true$/,
    )
    await expect(check(spec, { debug: true, strategy: 'dfs' })).rejects.toThrow(/its view is unsound for property NotMarkedAtThree: .* 2 steps \(Inc, Inc\) on from two states it merged/)
  })

  it('does not walk on from merged states the constraint cuts: the search never expands them', async () => {
    // Two steps reach 2, marked and not, where the constraint cuts both; the property reads the
    // mark at 3 only, which no search under the constraint reaches, with the view or without it.
    const cut: Model<null, Marked> = {
      ...marked,
      name: 'cut',
      next: (_c, s) => {
        if (s.n === 0) return [[{ name: 'Plain' }, { n: 2, mark: false }], [{ name: 'Marked' }, { n: 2, mark: true }]]
        return s.n < 3 ? [[{ name: 'Inc' }, { ...s, n: s.n + 1 }]] : []
      },
    }
    const { view: _v, ...full } = cut
    const cutSpec = (m: Model<null, Marked>) => defineSpec({ name: 'cut', model: m, config: null, constraint: (_c: null, s: Marked) => s.n <= 1 }) as AnySpec
    expect((await check(cutSpec(full))).properties[0]?.verdict).toBe('holds')
    const r = await check(cutSpec(cut), { debug: true })
    expect(r.properties[0]?.verdict).toBe('holds')
    expect(r.stats.distinct).toBe(2)
  })

  it('a pair a walk leaves for its budget is compared when a later merge reaches it', async () => {
    // Merge 1 (A, B) has 70 successor pairs, more than one walk compares (64), and only the 65th
    // differs; merge 2 (C, D), met later, steps straight to that pair. The first walk must not
    // record the pair it leaves, or the second skips it as walked and the view passes.
    type S = { readonly p: number; readonly i: number; readonly h: number; readonly m: number }
    const fanned: Model<null, S> = {
      name: 'fanned',
      init: () => [{ p: 0, i: 0, h: 0, m: 0 }],
      next: (_c, s) => {
        if (s.p === 0) return (['A', 'B', 'C', 'D'] as const).map((name, k) => [{ name }, { p: 1, i: 0, h: k % 2, m: k >> 1 }])
        if (s.p === 1 && s.m === 0) return Array.from({ length: 70 }, (_, i) => [{ name: 'Fan', i: i + 1 }, { ...s, p: 2, i: i + 1 }])
        if (s.p === 1) return [[{ name: 'Jump' }, { ...s, p: 2, i: 65, m: 0 }]]
        return []
      },
      view: (_c, s) => ({ p: s.p, i: s.i, m: s.m }),
      properties: [always('NotHiddenAt65', (_c, s) => !(s.p === 2 && s.i === 65 && s.h === 1))],
    }
    const fannedSpec = defineSpec({ name: 'fanned', model: fanned, config: null, deadlock: false }) as AnySpec
    await expect(check(fannedSpec, { debug: true })).rejects.toThrow(/^model fanned: its view is unsound for property NotHiddenAt65: .* 1 step \(Jump\) on from two states it merged/)
  })

  it('a pair a walk compared but left for its budget before walking on from it is walked on by a later merge', async () => {
    // Merge 1 (A, B) has 64 successor pairs, as many as one walk compares: all compared, none
    // walked on from (the budget ends the walk at the first of their successors). The hidden h
    // differs one step on from the 5th (p = 3); merge 2 (C, D) jumps to that pair. The first walk
    // must not record the pairs it compared but did not walk on from.
    type S = { readonly p: number; readonly i: number; readonly h: number; readonly m: number }
    const wide: Model<null, S> = {
      name: 'wide',
      init: () => [{ p: 0, i: 0, h: 0, m: 0 }],
      next: (_c, s) => {
        if (s.p === 0) return (['A', 'B', 'C', 'D'] as const).map((name, k) => [{ name }, { p: 1, i: 0, h: k % 2, m: k >> 1 }])
        if (s.p === 1 && s.m === 0) return Array.from({ length: 64 }, (_, i) => [{ name: 'Fan', i: i + 1 }, { ...s, p: 2, i: i + 1 }])
        if (s.p === 1) return [[{ name: 'Jump' }, { ...s, p: 2, i: 5, m: 0 }]]
        if (s.p === 2) return [[{ name: 'On' }, { ...s, p: 3 }]]
        return []
      },
      view: (_c, s) => ({ p: s.p, i: s.i, m: s.m }),
      properties: [always('NotHiddenAt5', (_c, s) => !(s.p === 3 && s.i === 5 && s.h === 1))],
    }
    const wideSpec = defineSpec({ name: 'wide', model: wide, config: null, deadlock: false }) as AnySpec
    expect((await check(wideSpec)).properties[0]?.verdict).toBe('holds')
    await expect(check(wideSpec, { debug: true })).rejects.toThrow(/^model wide: its view is unsound for property NotHiddenAt5: .* 2 steps \(Jump, On\) on from two states it merged/)
  })

  it('a pair a walk reaches at its last depth is walked on when a later merge reaches it sooner', async () => {
    // Merge 1 (A, B) walks p = 2 .. 7, the pair at p = 7 at its last depth (6): compared, its
    // successors not; merge 2 (C, D) jumps to that pair in one step, and the hidden h differs one
    // step on (p = 8). The first walk must not record the pair it does not walk from, or the
    // second skips it as walked and the view passes.
    type S = { readonly p: number; readonly h: number; readonly m: number }
    const deep: Model<null, S> = {
      name: 'deep',
      init: () => [{ p: 0, h: 0, m: 0 }],
      next: (_c, s) => {
        if (s.p === 0) return (['A', 'B', 'C', 'D'] as const).map((name, k) => [{ name }, { p: 1, h: k % 2, m: k >> 1 }])
        if (s.m === 1) return [[{ name: 'Jump' }, { p: 7, h: s.h, m: 0 }]]
        if (s.p < 8) return [[{ name: 'Inc' }, { ...s, p: s.p + 1 }]]
        return []
      },
      view: (_c, s) => ({ p: s.p, m: s.m }),
      properties: [always('NotHiddenAt8', (_c, s) => !(s.p === 8 && s.h === 1))],
    }
    const deepSpec = defineSpec({ name: 'deep', model: deep, config: null, deadlock: false }) as AnySpec
    await expect(check(deepSpec, { debug: true })).rejects.toThrow(/^model deep: its view is unsound for property NotHiddenAt8: .* 2 steps \(Jump, Inc\) on from two states it merged/)
  })

  it('a state walked on from with one partner is walked again with another (S07)', async () => {
    // Three states under one key: A first, then X (merged with A: their futures agree, both
    // walked on from), then B, whose hidden h differs one step on. The pair (A, B) is new though
    // A was walked: a walk skipped when either state was walked before passes the view.
    type S = { readonly p: number; readonly h: number; readonly t: number }
    const third: Model<null, S> = {
      name: 'third',
      init: () => [{ p: 0, h: 0, t: 0 }],
      next: (_c, s) => {
        if (s.p === 0) {
          return [
            [{ name: 'A' }, { p: 1, h: 0, t: 0 }],
            [{ name: 'X' }, { p: 1, h: 0, t: 1 }],
            [{ name: 'B' }, { p: 1, h: 1, t: 0 }],
          ]
        }
        return s.p === 1 ? [[{ name: 'On' }, { ...s, p: 2 }]] : []
      },
      view: (_c, s) => s.p,
      properties: [always('NotHiddenAt2', (_c, s) => !(s.p === 2 && s.h === 1))],
    }
    const thirdSpec = defineSpec({ name: 'third', model: third, config: null, deadlock: false }) as AnySpec
    expect((await check(thirdSpec)).properties[0]?.verdict).toBe('holds')
    await expect(check(thirdSpec, { debug: true })).rejects.toThrow(/^model third: its view is unsound for property NotHiddenAt2: .* 1 step \(On\) on from two states it merged, state \{"p":1,"h":0,"t":0\} and state \{"p":1,"h":1,"t":0\} \(reached by B\)/)
  })

  it('a walk that reaches the same state from both sides stops there: a sound view passes --debug', async () => {
    // The mark is cleared by the next Inc: the two futures meet in one state, and the view is sound.
    const healing: Model<null, Marked> = {
      ...marked,
      next: (_c, s) => {
        const out: [{ name: string }, Marked][] = []
        if (s.n < 3) out.push([{ name: 'Inc' }, { n: s.n + 1, mark: false }])
        if (s.n === 1) out.push([{ name: 'Toggle' }, { ...s, mark: !s.mark }])
        return out
      },
    }
    const r = await check(defineSpec({ name: 'healing', model: healing, config: null }) as AnySpec, { debug: true })
    expect(r.properties[0]?.verdict).toBe('holds')
    expect(r.stats.distinct).toBe(4)
  })
})

describe('views', () => {
  it('refuses a view that drops what a property reads', async () => {
    await expect(check(counterSpec(10, 3))).rejects.toThrow(
      /^model counter: its view is unsound for property NoFlag: two states with the same view disagree on it \(make the view keep what it reads\): state \{"n":3,"flag":false\} and state \{"n":3,"flag":true\} \(reached by Toggle\); they differ in flag: false → true$/,
    )
  })

  it('on every run, looks only at the first steps; with debug, at all of them (a known gap, pinned)', async () => {
    // Toggle is enabled only after about WINDOW steps: a run without debug does not look there and
    // reports the property held, which the full search would find violated.
    const late = counterSpec(WINDOW + 100, WINDOW)
    const r = await check(late)
    expect(r.properties[0]?.verdict).toBe('holds')
    expect(r.stats.distinct).toBe(WINDOW + 101)
    await expect(check(late, { debug: true })).rejects.toThrow(/its view is unsound for property NoFlag/)
  })

  it('with DFS too', async () => {
    await expect(check(counterSpec(10, 3), { strategy: 'dfs' })).rejects.toThrow(/its view is unsound for property NoFlag/)
  })

  it('on worker threads, every level on the workers', async () => {
    const o = resolveOptions({ workers: 2, specUrl, params: { limit: 10, from: 3 } })
    await expect(parallelBfs(prepare(unsoundView as AnySpec, o), o, { pool: 'threads', inlineBelow: 0 })).rejects.toThrow(
      /^model counter: its view is unsound for property NoFlag: .*state \{"n":3,"flag":false\} and state \{"n":3,"flag":true\} \(reached by Toggle\); they differ in flag: false → true$/,
    )
  })
})

describe('symmetry asked of a model that cannot give it', () => {
  const symmetric = (s: Pair): boolean => s.a <= 2
  it('refuses a model without `symmetry`, and one whose view keys its states (symmetry would be ignored)', async () => {
    const { symmetry: _s, ...plain } = pairs(symmetric)
    await expect(check(defineSpec({ name: 'plain', model: plain, config: null, symmetry: true }) as AnySpec)).rejects.toThrow(
      /^spec plain: symmetry requested \(the spec's symmetry: true\) but model pairs declares none \(a model gives `symmetry`, an actor model `symmetricNodes`: README, "Symmetry and views"\)$/,
    )
    // Asked by the option: the message names it.
    await expect(check(defineSpec({ name: 'plain', model: plain, config: null }) as AnySpec, { symmetry: true })).rejects.toThrow(
      /^spec plain: symmetry asks for symmetry but model pairs declares none \(a model gives `symmetry`, an actor model `symmetricNodes`/,
    )
    const viewed: Model<null, Pair> = { ...pairs(symmetric), view: (_c, s) => s.a }
    await expect(check(defineSpec({ name: 'viewed', model: viewed, config: null, symmetry: true }) as AnySpec)).rejects.toThrow(
      /^spec viewed: symmetry requested \(the spec's symmetry: true\) but model pairs has a view, which keys its states instead; rename in the view/,
    )
    // Without symmetry the view alone runs.
    expect((await check(defineSpec({ name: 'viewed', model: viewed, config: null }) as AnySpec)).complete).toBe(true)
  })
})

describe('across worker threads (--debug)', () => {
  const limit = 10
  const p = prepare(counterSpec(limit, 3), resolveOptions({ params: { limit, from: 3 }, debug: true }))
  /** The key of a counter state: its view's fingerprint. */
  const keyOf = (s: { n: number; flag: boolean }): [number, number] => {
    const f = { hi: 0, lo: 0 }
    p.fingerprintOf(s, null, f)
    return [f.hi, f.lo]
  }
  /** A thread's `firsts` after meeting `states` (each new to it). */
  const threadFirsts = (states: { n: number; flag: boolean }[]): Int32Array => {
    const t = new KeySoundness(p, true)
    t.firsts = []
    for (const s of states) t.met(...keyOf(s), s, s, null)
    return Int32Array.from(t.firsts)
  }

  it('compares the keys each thread met first: two threads that each kept one state of a key disagree', () => {
    const a = threadFirsts([{ n: 2, flag: false }, { n: 3, flag: false }])
    const b = threadFirsts([{ n: 3, flag: true }])
    const coordinator = new KeySoundness(p, true)
    coordinator.merge(a)
    expect(() => coordinator.merge(b)).toThrow(/^model counter: its view is unsound for property NoFlag: .*a state met earlier and a state met on a worker \(thread or process\)$/)
    // The coordinator's own state is named where it has it.
    const own = new KeySoundness(p, true)
    own.met(...keyOf({ n: 3, flag: false }), { n: 3, flag: false }, { n: 3, flag: false }, null)
    expect(() => own.merge(b)).toThrow(/state \{"n":3,"flag":false\} and a state met on a worker \(thread or process\)$/)
  })

  it('agreeing threads pass, and each thread reports a key once', () => {
    const a = threadFirsts([{ n: 2, flag: false }, { n: 2, flag: false }, { n: 4, flag: false }])
    // Two keys, each [hi, lo, its words]: one answer word, then (debug) its own fingerprint and
    // its successors' hash, two words each.
    expect(a.length).toBe(2 * (2 + 1 + 4))
    const coordinator = new KeySoundness(p, true)
    coordinator.merge(a)
    coordinator.merge(threadFirsts([{ n: 4, flag: false }, { n: 5, flag: false }]))
  })

  it('on a sound view, a search on two threads with --debug finds nothing to report', async () => {
    const o = resolveOptions({ workers: 2, specUrl, params: { limit: 300, from: 1000 }, debug: true })
    const r = await parallelBfs(prepare(unsoundView as AnySpec, o), o, { pool: 'threads', inlineBelow: 0 })
    expect(r.stats.distinct).toBe(301)
  })
})
