/**
 * Server symmetry for Raft (models/raft-symmetry.ts): relabelling is a group action that renames
 * every server id (checked against a generic deep rename), the model and its properties commute
 * with it, the representative is one per orbit, and checks with symmetry give the full search's
 * verdicts (and counterexamples that replay on the full model) at pinned counts.
 */
import { describe, expect, it } from 'vitest'
import { check, compareValues, defineSpec, renamings, setOf } from '../../../src/index.ts'
import type { AnySpec, Rename } from '../../../src/index.ts'
import { init, raft } from '../../../models/raft.ts'
import type { Action, Config, State } from '../../../models/raft.ts'
import { relabel, signature, symmetry } from '../../../models/raft-symmetry.ts'
import { symmetryFingerprint } from '../../../models/raft-symmetry-fingerprint.ts'
import { raftCommitMinority } from '../../../models/raft-commit-minority.ts'
import { raftFigure8 } from '../../../models/raft-figure8.ts'
import { raftKeepConflict } from '../../../models/raft-keep-conflict.ts'
import { raftLastTermGe } from '../../../models/raft-last-term-ge.ts'
import { raftNoPrevLogCheck } from '../../../models/raft-no-prev-log-check.ts'
import { raftStaleVotes } from '../../../models/raft-stale-votes.ts'
import { raftVolatileVote } from '../../../models/raft-volatile-vote.ts'
import { raftVoteAnyLog } from '../../../models/raft-vote-any-log.ts'
import raftSpec from '../../../specs/raft.ts'
import { RAFT_SAFETY, inFlightAtMost, raftConfig } from '../../../specs/raft.ts'
import type { Model } from '../../../src/index.ts'
import { fpOf, randomWalks } from './random-walks.ts'

const SERVERS = ['s1', 's2', 's3']
const RENAMES = renamings([SERVERS])

/** Reachable states from seeded random walks (every state along each walk). */
const walk = (c: Config, runs: number, steps: number, seed: number): State[] =>
  randomWalks(() => init(c), (s) => raft.next(c, s) as Iterable<readonly [Action, State]>, runs, steps, seed)

/** An independent rename: every string that is a server id, anywhere (keys included), then the
 * sets re-sorted. Catches a field `relabel` forgets. */
function deepRename(c: Config, s: State, rename: Rename): State {
  const ids = new Set(c.servers)
  const go = (v: unknown): unknown => {
    if (typeof v === 'string') return ids.has(v) ? rename(v) : v
    if (Array.isArray(v)) return v.map(go)
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, w]) => [ids.has(k) ? rename(k) : k, go(w)]))
    return v
  }
  const t = go(s) as State
  const servers = Object.fromEntries(
    Object.entries(t.servers).map(([i, x]) => [i, { ...x, volatile: { ...x.volatile, votesGranted: setOf(...x.volatile.votesGranted) } }]),
  )
  const net = t.net
  const sorted = net.semantics === 'bag' ? { inFlight: [...net.inFlight].sort((a, b) => compareValues(a, b)) } : net.semantics === 'set' ? { sent: setOf(...net.sent) } : {}
  return { ...t, servers, net: { ...net, down: setOf(...net.down), ...sorted } as State['net'], elected: setOf(...t.elected) }
}

const compose = (f: Rename, g: Rename): Rename => (id) => g(f(id))

describe('Raft server relabelling', () => {
  const faulty: Config = { servers: SERVERS, maxTerm: 2, maxLog: 2, budget: { crash: 1, drop: 1, duplicate: 1 } }
  const setNet: Config = { servers: SERVERS, maxTerm: 2, maxLog: 1, budget: {}, semantics: 'set' }
  const cases: [string, Config, State[]][] = [
    ['bag network with crash, drop and duplicate', faulty, walk(faulty, 8, 40, 7)],
    ['set network', setNet, walk(setNet, 6, 30, 11)],
  ]

  for (const [what, c, states] of cases) {
    it(`${what}: renames every server id, is a group action, and commutes with next and the properties`, () => {
      expect(states.length).toBeGreaterThan(100)
      // The walks reach leaders, messages in flight, a crashed server and a commit.
      expect(states.some((s) => s.committed.length > 0)).toBe(true)
      expect(states.some((s) => Object.values(s.servers).some((x) => x.volatile.role === 'leader'))).toBe(true)
      if (c.semantics !== 'set') expect(states.some((s) => s.net.down.length > 0)).toBe(true)
      let moved = 0
      for (const s of states) {
        const self = fpOf(s)
        expect(fpOf(relabel(c, s, RENAMES[0] as Rename))).toBe(self) // the identity
        for (const f of RENAMES) {
          const image = relabel(c, s, f)
          expect(fpOf(image)).toBe(fpOf(deepRename(c, s, f)))
          if (fpOf(image) !== self) moved++
          for (const g of RENAMES) expect(fpOf(relabel(c, image, g))).toBe(fpOf(relabel(c, s, compose(f, g))))
          // next commutes with renaming: the successors of the image are the images of the successors.
          const succ = [...raft.next(c, s)].map(([, t]) => fpOf(relabel(c, t, f))).sort()
          const succOfImage = [...raft.next(c, image)].map(([, t]) => fpOf(t)).sort()
          expect(succOfImage).toEqual(succ)
          for (const p of raft.properties) if ('holds' in p) expect(p.holds(c, image)).toBe(p.holds(c, s))
        }
      }
      expect(moved).toBeGreaterThan(states.length) // renaming changes most states
    })

    it(`${what}: the representative is one of the state's images, the same for every image`, () => {
      for (const s of states) {
        const rep = fpOf(symmetry(c, s))
        expect(RENAMES.map((f) => fpOf(relabel(c, s, f)))).toContain(rep)
        for (const f of RENAMES) expect(fpOf(symmetry(c, relabel(c, s, f)))).toBe(rep)
      }
    })

    it(`${what}: symmetryFingerprint is the representative's fingerprint, unbuilt, for every image (ties too)`, () => {
      const out = { hi: 0, lo: 0 }
      let tied = 0
      for (const s of states) {
        for (const f of RENAMES) {
          const image = relabel(c, s, f)
          symmetryFingerprint(c, image, out)
          expect(`${out.hi >>> 0}:${out.lo >>> 0}`).toBe(fpOf(symmetry(c, image)))
        }
        if (new Set(SERVERS.map((a) => signature(s, a))).size < SERVERS.length) tied++
      }
      expect(tied).toBeGreaterThan(0)
    })

    it(`${what}: signatures are carried by renaming, and without a tie the representative lists its servers by signature (itself when already so)`, () => {
      let own = 0
      let moved = 0
      let tied = 0
      for (const s of states) {
        for (const f of RENAMES) for (const a of SERVERS) expect(signature(relabel(c, s, f), f(a))).toBe(signature(s, a))
        const sigs = SERVERS.map((a) => signature(s, a))
        if (new Set(sigs).size < sigs.length) {
          tied++
          continue
        }
        const rep = symmetry(c, s)
        const repSigs = SERVERS.map((a) => signature(rep, a))
        expect(repSigs).toEqual([...sigs].sort((x, y) => x - y))
        if (rep === s) own++
        else {
          moved++
          expect(sigs).not.toEqual(repSigs)
        }
      }
      expect(own).toBeGreaterThan(0)
      expect(moved).toBeGreaterThan(0)
      expect(tied).toBeLessThan(states.length / 2)
    })
  }

  it('refuses a configuration that names servers apart', () => {
    const s = init({ servers: SERVERS, maxTerm: 1, maxLog: 1, budget: {} })
    expect(() => symmetry({ servers: SERVERS, maxTerm: 2, maxLog: 1, budget: {}, byTerm: [['s1'], ['s1', 's2']] }, s)).toThrow(/byTerm/)
    expect(() => symmetry({ servers: SERVERS, maxTerm: 2, maxLog: 1, budget: {}, candidates: ['s1', 's2'] }, s)).toThrow(/candidates/)
    // Every server named for every term is no restriction.
    expect(() => symmetry({ servers: SERVERS, maxTerm: 1, maxLog: 1, budget: {}, byTerm: [['s3', 's2', 's1']] }, s)).not.toThrow()
  })
})

// ---- verdict parity with the full search -----------------------------------------------------

type RaftModel = Model<Config, State, Action>

/** Replays `steps` on the full model: each action must be enabled and lead to the recorded
 * state. */
function replays(model: RaftModel, c: Config, steps: readonly { action: unknown; state: unknown }[]): boolean {
  let s = init(c)
  if (fpOf(s) !== fpOf(steps[0]?.state)) return false
  for (const step of steps.slice(1)) {
    const found = [...model.next(c, s)].find(([a, t]) => fpOf(a) === fpOf(step.action) && fpOf(t) === fpOf(step.state))
    if (found === undefined) return false
    s = found[1]
  }
  return true
}

type Counts = readonly [distinct: number, total: number]
type Case = {
  model: RaftModel
  params: Record<string, number | string>
  check: readonly string[]
  inFlight?: number
  full: Counts
  sym: Counts
  /** Violated properties and their counterexample lengths (the same with and without symmetry:
   * the quotient keeps BFS depths). */
  violated: Record<string, number>
}

const BASE = { servers: 3, maxTerm: 2, maxLog: 1, crashes: 0, drops: 0, duplicates: 0 }
// Counts measured by this test's own runs (BFS, one worker). The buggy variants check only the
// property they break, so the search stops at the first violation.
const parity: Case[] = [
  { model: raftVolatileVote, params: { maxTerm: 1, maxLog: 0, crashes: 1 }, check: RAFT_SAFETY, full: [1801, 5155], sym: [329, 966], violated: { ElectionSafety: 8 } },
  { model: raftStaleVotes, params: { maxLog: 0 }, check: RAFT_SAFETY, full: [32652, 159082], sym: [5523, 26968], violated: { ElectionSafety: 7 } },
  { model: raftCommitMinority, params: {}, check: ['LeaderCompleteness'], full: [6906, 19402], sym: [1412, 4026], violated: { LeaderCompleteness: 8 } },
  { model: raftVoteAnyLog, params: {}, check: ['LeaderCompleteness'], full: [36582, 132637], sym: [6917, 25121], violated: { LeaderCompleteness: 11 } },
  { model: raftKeepConflict, params: {}, check: ['StateMachineSafety'], inFlight: 3, full: [17611, 33949], sym: [3495, 6770], violated: { StateMachineSafety: 14 } },
  { model: raftLastTermGe, params: { maxLog: 2, appends: '2,0' }, check: ['LeaderCompleteness'], inFlight: 2, full: [23923, 39803], sym: [4067, 6770], violated: { LeaderCompleteness: 19 } },
  { model: raftNoPrevLogCheck, params: { maxLog: 2, appends: '1,1' }, check: ['StateMachineSafety'], inFlight: 3, full: [55002, 112686], sym: [9793, 20153], violated: { StateMachineSafety: 17 } },
  // Figure 8's rule needs four terms to lose an entry; here it commits a term-1 entry in term 2
  // (the witness) and every safety property holds, with symmetry or without.
  { model: raftFigure8, params: { appends: '1,0' }, check: [...RAFT_SAFETY, 'CommittedInLaterTerm'], inFlight: 2, full: [15010, 28156], sym: [2513, 4720], violated: {} },
]

describe('Raft with server symmetry: verdicts equal the full search', () => {
  it('specs/raft.ts: every property holds, with 3,460 orbits of its 20,503 states', async () => {
    const full = await check(raftSpec as AnySpec, { symmetry: false })
    const sym = await check(raftSpec as AnySpec, { symmetry: true })
    expect([full.stats.distinct, full.stats.total, full.stats.depth]).toEqual([20503, 72583, 21])
    expect([sym.stats.distinct, sym.stats.total, sym.stats.depth]).toEqual([3460, 12237, 21])
    expect(sym.complete).toBe(true)
    expect(sym.properties.map((p) => [p.name, p.verdict])).toEqual(full.properties.map((p) => [p.name, p.verdict]))
    expect(sym.properties.every((p) => p.verdict === 'holds')).toBe(true)
  })

  for (const k of parity) {
    const c = raftConfig({ ...BASE, ...k.params })
    const spec = defineSpec({
      name: `${k.model.name}-symmetric`,
      model: k.model,
      config: c,
      check: [...k.check],
      ...(k.inFlight !== undefined ? { constraint: inFlightAtMost(k.inFlight) } : {}),
    }) as AnySpec
    const label = Object.keys(k.violated).length > 0 ? `${Object.keys(k.violated).join(', ')} violated` : 'every property holds'
    it(`${k.model.name} ${JSON.stringify(k.params)}: ${label}, as without symmetry`, async () => {
      const full = await check(spec, { symmetry: false })
      const sym = await check(spec, { symmetry: true })
      expect(full.complete && sym.complete).toBe(true)
      expect(sym.properties.map((p) => [p.name, p.verdict])).toEqual(full.properties.map((p) => [p.name, p.verdict]))
      const violated = (r: typeof full): Record<string, number> =>
        Object.fromEntries(r.properties.filter((p) => p.verdict === 'violated').map((p) => [p.name, (p.trace?.steps.length ?? 0) - 1]))
      expect(violated(full)).toEqual(k.violated)
      expect(violated(sym)).toEqual(k.violated)
      for (const p of sym.properties) if (p.trace) expect(replays(k.model, c, p.trace.steps)).toBe(true)
      expect([full.stats.distinct, full.stats.total]).toEqual(k.full)
      expect([sym.stats.distinct, sym.stats.total]).toEqual(k.sym)
      expect(sym.stats.distinct).toBeLessThan(full.stats.distinct)
    })
  }
})
