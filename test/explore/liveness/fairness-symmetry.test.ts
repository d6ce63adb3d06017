import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Steps, always, canonicalize, check, defineSpec, eventually, weakFair } from '../../../src/index.ts'
import type { Model, Rename } from '../../../src/index.ts'
import { renderTraceFiles } from '../../../src/trace/write-trace-files.ts'
import { parseItf } from '../../../src/trace/itf.ts'
import { replayTrace } from '../../../src/trace/replay-trace.ts'
import { ROOT } from '../../cli/run-cli.ts'

// Two nodes pass a token: the one without it may take it (Move), the one with it may leave
// (Escape: done). Moves taking turns forever never end it: with a group per node, both groups are
// taken in that loop, a fair behaviour where "eventually done" fails.
type Config = { readonly nodes: readonly string[] }
type State = { readonly b: Readonly<Record<string, number>>; readonly done: boolean }
type Act = { readonly name: 'Move' | 'Escape'; readonly node: string }
const other = (c: Config, n: string): string => c.nodes.find((m) => m !== n) as string
/** A record keyed by node ids, its keys renamed (key order is no part of a fingerprint). */
const renamed = (rec: Readonly<Record<string, number>>, r: Rename): Record<string, number> => Object.fromEntries(Object.entries(rec).map(([k, v]) => [r(k), v]))
const relabel = (s: State, r: Rename): State => ({ ...s, b: renamed(s.b, r) })
const swap: Model<Config, State, Act> = {
  name: 'swap',
  init: (c) => [{ b: { [c.nodes[0] as string]: 0, [c.nodes[1] as string]: 1 }, done: false }],
  next: (c, s) => {
    const out = new Steps<Act, State>()
    for (const n of c.nodes) {
      out.add({ name: 'Move', node: n }, s.done || s.b[n] !== 0 ? null : { ...s, b: { ...s.b, [n]: 1, [other(c, n)]: 0 } })
      out.add({ name: 'Escape', node: n }, s.done || s.b[n] !== 1 ? null : { ...s, done: true })
    }
    return out.list
  },
  properties: [eventually('EventuallyDone', (_c, s) => s.done)],
  actions: ['Move', 'Escape'],
  symmetry: (c, s) => canonicalize(s, [c.nodes], relabel),
}
const perNode = (n: string) => weakFair((a) => (a as Act).node === n, `node ${n}`)
const spec = (fairness: ReturnType<typeof weakFair>[]) => defineSpec({ name: 'swap', model: swap, config: { nodes: ['p1', 'p2'] }, fairness })

describe('liveness under symmetry: fairness groups must be symmetric', () => {
  it('a group per node is refused with --symmetry (it gave "holds" where the property is violated)', async () => {
    const s = spec([perNode('p1'), perNode('p2')])
    expect((await check(s)).properties.find((p) => p.name === 'EventuallyDone')?.verdict).toBe('violated')
    await expect(check(s, { symmetry: true })).rejects.toThrow(
      /^spec swap: fairness group WF\(node p1\) is not symmetric: it takes Move\(p1\) but not the same step with p1 and p2 swapped, so liveness on one state per orbit could call a fair behaviour unfair/,
    )
  })

  it('groups that take every node alike run under symmetry, by name or by predicate', async () => {
    for (const fairness of [[weakFair('Move'), weakFair('Escape')], [weakFair((a) => a.name === 'Move', 'moves')]]) {
      const r = await check(spec(fairness), { symmetry: true })
      expect(r.properties.find((p) => p.name === 'EventuallyDone')?.verdict).toBe((await check(spec(fairness))).properties.find((p) => p.name === 'EventuallyDone')?.verdict)
    }
  })
})

describe('a lasso found under symmetry', () => {
  it('says it closes up to a renaming, and its trace file replays (it said the loop no longer closes)', async () => {
    // One node moves at a time (Grab, then Settle): under symmetry the loop closes on a renaming.
    type S2 = { readonly b: Readonly<Record<string, number>> }
    type A2 = { readonly name: 'Grab' | 'Settle'; readonly node: string }
    const relabel2 = (s: S2, r: Rename): S2 => ({ b: renamed(s.b, r) })
    const m: Model<Config, S2, A2> = {
      name: 'swap2',
      init: (c) => [{ b: { [c.nodes[0] as string]: 0, [c.nodes[1] as string]: 1 } }],
      next: (c, s) => {
        const out = new Steps<A2, S2>()
        for (const n of c.nodes) {
          out.add({ name: 'Grab', node: n }, s.b[n] === 0 && s.b[other(c, n)] === 1 ? { b: { ...s.b, [n]: 2 } } : null)
          out.add({ name: 'Settle', node: n }, s.b[n] === 2 ? { b: { ...s.b, [n]: 1, [other(c, n)]: 0 } } : null)
        }
        return out.list
      },
      properties: [eventually('Never', () => false)],
      actions: ['Grab', 'Settle'],
      symmetry: (c, s) => canonicalize(s, [c.nodes], relabel2),
    }
    const s = defineSpec({ name: 'swap2', model: m, config: { nodes: ['p1', 'p2'] }, fairness: [weakFair('Grab'), weakFair('Settle')] })
    const r = await check(s, { symmetry: true })
    const never = r.properties.find((p) => p.name === 'Never')
    expect(never?.note).toMatch(/leads back to step 1 \(equal up to the symmetry: a renaming of it\)$/)
    // The trace says so too (its text file and page).
    expect(never?.trace?.closesUpTo).toBe('symmetry')
    const itf = renderTraceFiles('/tmp', 'swap2', {}, 'swap2', r).find((f) => f.path.endsWith('Never.itf.json'))
    const stored = parseItf(itf?.content ?? '', 'Never.itf.json')
    expect(stored.origin.symmetry).toBe(true)
    expect(replayTrace(s, stored).kind).toBe('reproduces')
  })
  it('does not say "a renaming" where the loop closes on the very state (it said so of every lasso under symmetry)', async () => {
    // Nodes toggle a bit each: from every bit clear, p1 sets its bit and clears it again, back to
    // the state itself, not to a renaming of it (the shortest lasso).
    type S3 = { readonly b: Readonly<Record<string, number>> }
    type A3 = { readonly name: 'Toggle'; readonly node: string }
    const m: Model<Config, S3, A3> = {
      name: 'toggle',
      init: (c) => [{ b: Object.fromEntries(c.nodes.map((n) => [n, 0])) }],
      next: (c, s) => c.nodes.map((n) => [{ name: 'Toggle', node: n }, { b: { ...s.b, [n]: 1 - (s.b[n] as number) } }] as const),
      properties: [eventually('Never', () => false)],
      actions: ['Toggle'],
      symmetry: (c, s) => canonicalize(s, [c.nodes], (x: S3, r: Rename) => ({ b: renamed(x.b, r) })),
    }
    const s = defineSpec({ name: 'toggle', model: m, config: { nodes: ['p1', 'p2'] }, fairness: [weakFair('Toggle')] })
    const r = await check(s, { symmetry: true })
    const never = r.properties.find((p) => p.name === 'Never')
    const trace = never?.trace
    expect(trace?.steps.length).toBe(2)
    expect(trace?.steps[0]?.state).toEqual({ b: { p1: 0, p2: 0 } })
    expect(trace?.closing).toEqual({ name: 'Toggle', node: 'p1' })
    expect(never?.note).toMatch(/leads back to step 1$/)
    expect(trace?.closesUpTo).toBeUndefined()
    // Likewise under a view (it said "equal up to the view").
    const { symmetry: _, ...plain } = m
    const viewed = await check(defineSpec({ name: 'toggle-view', model: { ...plain, view: (_c: Config, x: S3) => x.b }, config: { nodes: ['p1', 'p2'] }, fairness: [weakFair('Toggle')] }))
    const viaView = viewed.properties.find((p) => p.name === 'Never')
    expect(viaView?.trace?.closing).toEqual({ name: 'Toggle', node: 'p1' })
    expect(viaView?.note).toMatch(/leads back to step 1$/)
    expect(viaView?.trace?.closesUpTo).toBeUndefined()
  })
})

describe('a safety trace found under symmetry', () => {
  it('replays on the model without its symmetry (only a lasso needs it: replay refused the trace)', async () => {
    const withDone = { ...swap, properties: [always<Config, State>('NotDone', (_c, s) => !s.done)] }
    const s = defineSpec({ name: 'swap', model: withDone, config: { nodes: ['p1', 'p2'] } })
    const r = await check(s, { symmetry: true })
    const itf = renderTraceFiles('/tmp', 'swap', {}, 'swap', r).find((f) => f.path.endsWith('NotDone.itf.json'))
    const stored = parseItf(itf?.content ?? '', 'NotDone.itf.json')
    expect(stored.origin.symmetry).toBe(true)
    const { symmetry: _dropped, ...plain } = withDone
    expect(replayTrace(defineSpec({ name: 'swap', model: plain, config: { nodes: ['p1', 'p2'] } }), stored).kind).toBe('reproduces')
  })
})

describe('the fairness symmetry check, as a search would run it (a reviewer\'s finds)', () => {
  // Two symmetric counters; `next` is defined only inside the constraint (the search keeps a cut
  // state and does not expand it). Each Inc names its node and, in a Set, the node again.
  type C = { readonly nodes: readonly string[] }
  type N = { readonly n: Readonly<Record<string, number>> }
  type Inc = { readonly name: 'Inc'; readonly node: string; readonly with: ReadonlySet<string> }
  const relabelN = (s: N, r: Rename): N => ({ n: renamed(s.n, r) })
  const counters: Model<C, N, Inc> = {
    name: 'counters',
    init: (c) => [{ n: Object.fromEntries(c.nodes.map((x) => [x, 0])) }],
    next: (c, s) => {
      const out = new Steps<Inc, N>()
      for (const x of c.nodes) {
        if ((s.n[x] as number) > 2) throw new Error('past the constraint')
        out.add({ name: 'Inc', node: x, with: new Set([x]) }, { n: { ...s.n, [x]: (s.n[x] as number) + 1 } })
      }
      return out.list
    },
    properties: [eventually('Grows', (_c, s) => Object.values(s.n).some((v) => v > 0))],
    actions: ['Inc'],
    symmetry: (c, s) => canonicalize(s, [c.nodes], relabelN),
  }
  const spec = defineSpec({
    name: 'counters',
    model: counters,
    config: { nodes: ['p1', 'p2'] },
    constraint: (_c, s) => Object.values(s.n).every((v) => v <= 2),
    fairness: [weakFair((a) => (a as Inc).with.has((a as Inc).node), 'self')],
  })

  it('expands no state the constraint cuts, and skips an action holding a Set (it does not rename it) rather than refuse it', async () => {
    const r = await check(spec, { symmetry: true })
    // Decided, not refused (every fair behaviour counts past the constraint, so no behaviour was
    // examined and Grows is vacuous, not held: check-liveness.ts).
    expect(r.properties.find((p) => p.name === 'Grows')?.verdict).toBe('vacuous')
  })
})

describe('a spec of your own, in a folder that is not an ES module package (CommonJS)', () => {
  it('has its fairness groups checked too (the check was skipped, and a per-node group gave a wrong verdict)', () => {
    // A token passes between two nodes; the holder may finish. With SF on n2 finishing the property
    // holds; under symmetry the one state per orbit shows n1 holding it, where n2 cannot finish, so
    // the group must be refused. The spec's copy of Interleave (CommonJS) made the canonicalize call
    // the check looks for, unseen by the checker's copy: it answered VIOLATED instead.
    const dir = mkdtempSync(join(tmpdir(), 'interleave-cjs-sym-'))
    const spec = join(dir, 'token.ts')
    const src = relative(dir, join(ROOT, 'src', 'index.ts')).split(sep).join('/')
    writeFileSync(
      spec,
      `import { Steps, canonicalize, defineSpec, eventually, strongFair, weakFair } from '${src}'
type S = { holder: string; done: boolean }
type A = { name: string; node: string }
const nodes = ['n1', 'n2']
const model = {
  name: 'token',
  init: () => [{ holder: 'n1', done: false }],
  next: (_c: null, s: S) => {
    const out = new Steps<A, S>()
    if (s.done) return out.list
    out.add({ name: 'Pass', node: s.holder }, { ...s, holder: s.holder === 'n1' ? 'n2' : 'n1' })
    out.add({ name: 'Done', node: s.holder }, { ...s, done: true })
    return out.list
  },
  actions: ['Pass', 'Done'],
  properties: [eventually('EventuallyDone', (_c: null, s: S) => s.done)],
  symmetry: (_c: null, s: S) => canonicalize(s, [nodes], (x: S, r: (id: string) => string) => ({ ...x, holder: r(x.holder) })),
}
export default defineSpec({ name: 'token', model, config: null, fairness: [weakFair('Pass'), strongFair((a) => a.name === 'Done' && (a as A).node === 'n2', 'Done by n2')] })
`,
    )
    const run = (...flags: string[]) =>
      spawnSync(process.execPath, ['bin/interleave.mjs', 'check', spec, '--quiet', '--out', dir, ...flags], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, INTERLEAVE_WORKERS: '1' }, timeout: 120_000 })
    expect(run().stdout.trim()).toBe('token: as expected (EventuallyDone holds)')
    const sym = run('--symmetry')
    expect(sym.stderr).toMatch(/^model error: spec token: fairness group SF\(Done by n2\) is not symmetric: it does not take Done\(n1\) but takes the same step with n1 and n2 swapped/)
    expect(sym.status).toBe(2)
  })
})
