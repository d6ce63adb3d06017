/**
 * Liveness over worker processes (3 over a local nats-server): the coordinator records the
 * liveness graph from the steps the workers send back with each level (`record-levels.ts`), and it
 * must be the sequential BFS's, column for column, so that verdicts and lassos (prefix and loop)
 * are the same. On bundled liveness specs (with and without a view), on random graphs with a view,
 * a constraint and every property kind, with symmetry, on a packed model, on a level whose steps
 * travel in parts, and on a run cut by max states (liveness not decided, as the sequential BFS
 * says). nats-server must be installed (`.ci/run` installs it):
 * without it this file fails, it does not skip.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import type { AnySpec, CheckResult } from '../../src/index.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import type { CheckOptions } from '../../src/core/options.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { bfs } from '../../src/explore/bfs.ts'
import { livenessRecorder } from '../../src/explore/liveness/check-liveness.ts'
import { withLiveness } from '../../src/explore/liveness/with-liveness.ts'
import { resultWithEvents } from '../../src/core/result-events.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { distributedBfs } from '../../src/distributed/distributed-bfs.ts'
import type { DistributedStats } from '../../src/distributed/distributed-bfs.ts'
import { EDGE_BYTES } from '../../src/distributed/level-edges.ts'
import { PART_BYTES } from '../../src/distributed/wire.ts'
import { freePort, natsServerPath, waitForPort } from '../../src/distributed/local-cluster.ts'
import { comparable as comparableAll } from '../parallel/compare.ts'
import { dumpGraph as dump } from '../explore/liveness/dump-graph.ts'
import liveGraph from '../parallel/fixtures/live-graph.ts'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
const LIVE_GRAPH = new URL('../parallel/fixtures/live-graph.ts', import.meta.url).href
let URL_ = ''
const procs: ChildProcess[] = []

beforeAll(async () => {
  const port = await freePort()
  URL_ = `nats://127.0.0.1:${port}`
  procs.push(spawn(natsServerPath(), ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' }))
  await waitForPort(port)
  for (let k = 0; k < 3; k++) procs.push(spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--nats', URL_], { stdio: 'ignore' }))
})

afterAll(() => {
  for (const p of procs.reverse()) p.kill('SIGKILL')
})

/** Without the per-process figures only a distributed search has. */
const comparable = (r: CheckResult): unknown => {
  const { processes: _p, ...stats } = r.stats
  return comparableAll({ ...r, stats })
}

/**
 * The sequential BFS and 3 processes on one spec, each recording its liveness graph; `seq` is
 * `check`'s result on one thread, `dist` the distributed search's made into what `check` makes of
 * it (`src/check.ts`: liveness verdicts and lassos from the recorded graph, the model's step
 * events on the traces). One distributed run per call, not a second one through `check` (a run
 * costs seconds here, most of them waiting on the workers): `check` itself runs the distributed
 * search with liveness in THROUGH_CHECK's test and in the max-states test below.
 */
async function both(spec: AnySpec, url: string, extra: Partial<CheckOptions> = {}, processes = 3) {
  const o1 = resolveOptions({ ...extra, workers: 1 })
  const p1 = prepare(spec, o1)
  const r1 = livenessRecorder(p1)
  await bfs(p1, o1, r1)
  const o2 = resolveOptions({ ...extra, processes, nats: URL_, specUrl: url })
  const p2 = prepare(spec, o2)
  const r2 = livenessRecorder(p2)
  let stats: DistributedStats | undefined
  const found = await distributedBfs(p2, o2, { onStats: (s) => (stats = s) }, r2)
  const live = await withLiveness(p2, o2, found, r2.graph)
  const event = spec.model.event
  const dist = event ? resultWithEvents(live, (a) => event.call(spec.model, a)) : live
  const seq = await check(spec, { ...extra, workers: 1 })
  return { seq, dist, g1: r1.graph, g2: r2.graph, stats: stats! }
}

const live = (r: CheckResult): CheckResult['properties'] => r.properties.filter((p) => ['eventually', 'leadsTo', 'alwaysEventually'].includes(p.kind))

describe('liveness over worker processes equals the sequential BFS', () => {
  // Small bundled specs with liveness: held and violated, with a view (paxos-net-livelock, raft-split-vote) and without.
  const specs = [
    'specs/paxos-leader-liveness.ts',
    'specs/three-phase-commit-liveness-crash.ts',
    'specs/two-phase-commit-net-liveness-blocking.ts',
    'specs/two-phase-commit-net-liveness-recovery.ts',
    'specs/raft-split-vote.ts',
    'specs/paxos-net-livelock.ts',
  ]
  const THROUGH_CHECK = 'specs/two-phase-commit-net-liveness-blocking.ts'
  for (const file of specs) {
    it(`on ${file}: the same graph, verdicts and lassos`, async () => {
      const { spec, url } = await loadSpecFile(file)
      const { seq, dist, g1, g2, stats } = await both(spec, url)
      expect(g1.stopReason).toBeUndefined()
      expect(dump(g2)).toEqual(dump(g1))
      // What crossed the wire for the graph: every edge once, 24 bytes, and 4 per state the constraint cut.
      expect(stats.edges).toBe(g1.edgeCount)
      expect(stats.edgeBytes).toBe(EDGE_BYTES * g1.edgeCount + 4 * g1.cut)
      expect(comparable(dist)).toEqual(comparable(seq))
      // Through `check` once (an actor model with step events and a lasso): what `both` made of the search.
      if (file === THROUGH_CHECK) expect(comparable(await check(spec, { processes: 3, nats: URL_, specUrl: url }))).toEqual(comparable(dist))
      // The verdicts the spec expects; a violation's counterexample is a lasso.
      const expected = Object.keys(spec.expect?.violated ?? {})
      const props = live(dist)
      expect(props.length).toBeGreaterThan(0)
      for (const p of props) {
        expect(p.verdict).toBe(expected.includes(p.name) ? 'violated' : 'holds')
        if (p.verdict === 'violated') expect(p.trace?.loopStart).toBeGreaterThanOrEqual(0)
      }
    })
  }

  it('on random graphs with a view, a constraint and every property kind: the same graph and verdicts', async () => {
    const cases = [
      { seed: 11, nodes: 300, fanout: 3, inits: 3, bad: 1, frozen: 10, turns: 20, view: 1, kind: 0 },
      { seed: 5, nodes: 200, fanout: 2, inits: 2, bad: 0, frozen: 5, turns: 10, view: 0, kind: 1 },
      { seed: 77, nodes: 250, fanout: 4, inits: 4, bad: 2, frozen: 0, turns: 15, view: 1, kind: 2 },
    ]
    let cut = 0
    let selfEdges = 0
    for (const params of cases) {
      const { seq, dist, g1, g2 } = await both(liveGraph, LIVE_GRAPH, { params, deadlock: true })
      expect(dump(g2)).toEqual(dump(g1))
      expect(comparable(dist)).toEqual(comparable(seq))
      cut += g1.cut
      for (let u = 0; u < g1.size; u++) for (let x = g1.start.get(u); x < g1.start.get(u + 1); x++) if (g1.target.get(x) === u) selfEdges++
    }
    // The cases exercise the constraint (states kept, not expanded) and the view's edges to a state's own key.
    expect(cut).toBeGreaterThan(0)
    expect(selfEdges).toBeGreaterThan(0)
  })

  it('with symmetry: nodes are orbits, and every state met again agrees with its node', async () => {
    const url = new URL('./fixtures/symmetry-live.ts', import.meta.url).href
    const { spec } = await loadSpecFile(fileURLToPath(url))
    const { seq, dist, g1, g2 } = await both(spec, url)
    expect(g1.size).toBeLessThan(1568) // orbits, not the 1,568 states of 4 RMs
    expect(dump(g2)).toEqual(dump(g1))
    expect(live(seq).map((p) => p.verdict)).toContain('violated')
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('an unsound view fails as the sequential BFS does (states with one key disagree on a property)', async () => {
    const params = { seed: 11, nodes: 100, fanout: 3, inits: 2, bad: 0, frozen: 0, turns: 20, view: 1, kind: 3 }
    const seq = await check(liveGraph, { params, workers: 1 }).then(() => '', (e: Error) => e.message)
    const dist = await check(liveGraph, { params, processes: 3, nats: URL_, specUrl: LIVE_GRAPH }).then(() => '', (e: Error) => e.message)
    // Both show the state the graph holds under that key; one thread shows the state met again
    // too, which a worker process keeps to itself.
    expect(seq).toMatch(/its view is unsound for property \w+: two states with the same view disagree on it: \{.*\} and \{.*\} \(/)
    expect(dist).toMatch(/its view is unsound for property \w+: two states with the same view disagree on it: \{.*\} and another state with its view \(/)
    expect(dist.split(' and ')[0]).toBe(seq.split(' and ')[0])
  })

  it('on a packed model: the workers label and group its steps from the words', async () => {
    const url = new URL('./fixtures/packed-live.ts', import.meta.url).href
    const { spec } = await loadSpecFile(fileURLToPath(url))
    const { seq, dist, g1, g2 } = await both(spec, url)
    expect(dump(g2)).toEqual(dump(g1))
    expect(live(seq)).toContainEqual(expect.objectContaining({ verdict: 'violated' }))
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('on a level whose steps pass 512 KiB (the expand reply goes in parts)', async () => {
    const url = new URL('./fixtures/wide-live.ts', import.meta.url).href
    const { spec } = await loadSpecFile(fileURLToPath(url))
    const { seq, dist, g1, g2, stats } = await both(spec, url, {}, 1)
    // The widest level's 22,500 steps, all from the one worker: one reply over 512 KiB.
    expect(stats.edges).toBe(150 + 22_500)
    expect(EDGE_BYTES * 22_500).toBeGreaterThan(PART_BYTES)
    expect(dump(g2)).toEqual(dump(g1))
    expect(live(seq)).toEqual([expect.objectContaining({ name: 'Done', verdict: 'violated' })])
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('a run cut by max states leaves liveness undecided, as the sequential BFS does', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit-net-liveness-blocking.ts')
    for (const maxStates of [1, 1000]) {
      const seq = await check(spec, { workers: 1, maxStates })
      const dist = await check(spec, { processes: 3, nats: URL_, specUrl: url, maxStates })
      expect(dist.complete).toBe(false)
      expect(live(dist)).toEqual(live(seq))
      expect(live(dist).every((p) => p.verdict === 'unknown')).toBe(true)
      expect(comparable(dist)).toEqual(comparable(seq))
    }
  })

  it('goes on from a checkpoint: resumed over 3 and over 2 processes, and recovered from a lost worker, the sequential graph', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit-net-liveness-blocking.ts')
    const seq = await check(spec, { workers: 1 })
    const dir = mkdtempSync(join(tmpdir(), 'interleave-dist-live-'))
    // Cut by max depth (a checkpoint at every level), then resumed without the bound, over 3 and 2.
    const cut = await check(spec, { processes: 3, nats: URL_, specUrl: url, checkpoint: dir, checkpointIntervalSeconds: 0, maxDepth: 6 })
    expect(cut.stopReason).toBe('max-depth')
    for (const processes of [3, 2]) {
      const resumed = await check(spec, { processes, nats: URL_, specUrl: url, resume: dir })
      expect(live(resumed), `over ${processes}`).toEqual(live(seq))
      expect([resumed.liveness?.states, resumed.liveness?.edges]).toEqual([seq.liveness?.states, seq.liveness?.edges])
    }
    // A local worker killed in level 5: the run starts again from the last checkpoint on new local
    // workers, and the graph recorded past it is dropped, not recorded twice.
    const options = resolveOptions({ processes: 2, specUrl: url, checkpoint: mkdtempSync(join(tmpdir(), 'interleave-dist-live-')), checkpointIntervalSeconds: 0 })
    const p = prepare(spec, options)
    const rec = livenessRecorder(p)
    let killed = false
    const found = await distributedBfs(p, options, {
      onLevel: (level, local) => {
        if (level === 5 && !killed) {
          killed = true
          local!.workers[1]!.child.kill('SIGKILL')
        }
      },
    }, rec)
    expect(found.warnings.join('\n')).toMatch(/resumed from the checkpoint of level 5/)
    const event = spec.model.event
    const decided = await withLiveness(p, options, found, rec.graph)
    // As `check` gives it: the model's step events on the lassos.
    const recovered = event ? resultWithEvents(decided, (a) => event.call(spec.model, a)) : decided
    expect(live(recovered)).toEqual(live(seq))
    expect([recovered.liveness?.states, recovered.liveness?.edges]).toEqual([seq.liveness?.states, seq.liveness?.edges])
  })
})
