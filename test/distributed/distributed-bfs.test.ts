/**
 * The distributed BFS (3 worker processes over a local nats-server) against the sequential BFS,
 * the oracle: counts, depth, levels, coverage, verdicts and the first counterexample must be
 * identical. One server and one set of workers serve the whole file (workers serve runs one
 * after another). nats-server must be installed (`.ci/run` installs it): without it this file
 * fails, it does not skip.
 *
 * Packed models run on their words in the workers (`part-states.ts`), against the packed BFS.
 *
 * Also: a worker killed mid-run fails the run with a message naming it (never a verdict), a worker
 * with other code is refused. Liveness: `liveness.test.ts`. With
 * `--checkpoint`: a run stopped or failed resumes from its checkpoint to the uninterrupted result,
 * a killed local worker is replaced and the run goes on, a bad checkpoint is refused in one line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flagOf } from '../../src/cli/args.ts'
import { describeError } from '../../src/report/error-line.ts'
import { check } from '../../src/index.ts'
import type { CheckResult } from '../../src/index.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import type { CheckOptions, Progress } from '../../src/core/options.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { DistributedRunError, WorkerLostError } from '../../src/distributed/cluster.ts'
import { distributedBfs } from '../../src/distributed/distributed-bfs.ts'
import { runWorker } from '../../src/distributed/worker.ts'
import type { DistributedStats } from '../../src/distributed/distributed-bfs.ts'
import { freePort, natsServerPath, waitForPort } from '../../src/distributed/local-cluster.ts'
import { comparable as comparableAll } from '../parallel/compare.ts'
import graphSpec from '../parallel/fixtures/random-graph.ts'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
let URL_ = ''
const procs: ChildProcess[] = []

function startWorker(env: NodeJS.ProcessEnv = {}): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--nats', URL_], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } })
  procs.push(child)
  let err = ''
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return { child, stderr: () => err, exited }
}

beforeAll(async () => {
  // Fails (does not skip) without nats-server: CI installs it.
  const port = await freePort()
  URL_ = `nats://127.0.0.1:${port}`
  const server = spawn(natsServerPath(), ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
  procs.push(server)
  await waitForPort(port)
  for (let k = 0; k < 3; k++) startWorker()
})

const dirs: string[] = []
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'interleave-proc-ckpt-'))
  dirs.push(d)
  return d
}

afterAll(async () => {
  for (const p of procs.reverse()) p.kill('SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** Without the per-process figures only a distributed search has (checked on their own below). */
const comparable = (r: CheckResult): unknown => {
  const { processes: _p, ...stats } = r.stats
  return comparableAll({ ...r, stats })
}

async function both(file: string, extra: Partial<CheckOptions> = {}, processes = 3): Promise<{ seq: CheckResult; dist: CheckResult }> {
  const { spec, url } = await loadSpecFile(file)
  const seq = await check(spec, { ...extra, workers: 1 })
  const dist = await check(spec, { ...extra, processes, nats: URL_, specUrl: url })
  return { seq, dist }
}

describe('distributed BFS over NATS equals the sequential BFS', () => {
  it('on a passing spec (2PC, 3 RMs)', async () => {
    const { seq, dist } = await both('specs/two-phase-commit.ts')
    expect(dist.stats.distinct).toBe(288)
    // Per worker process (`--json` shows them): the partitions add up; the other two workers sent batches.
    const procs = dist.stats.processes ?? []
    expect(procs).toHaveLength(3)
    expect(procs.reduce((s, q) => s + q.states, 0)).toBe(288)
    expect(procs.every((q) => q.batches > 0 && q.batchBytes > 0 && q.peakRss > 0 && q.pid > 0)).toBe(true)
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('on a violated invariant: the same shortest counterexample, decided early', async () => {
    const { seq, dist } = await both('specs/two-phase-commit-early-commit.ts')
    expect(seq.properties.some((p) => p.verdict === 'violated' && p.trace)).toBe(true)
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('with symmetry (one state per orbit)', async () => {
    const { seq, dist } = await both('specs/two-phase-commit-symmetry.ts')
    expect(dist.stats.distinct).toBe(314)
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('with deadlock checking: the same first deadlock and trace', async () => {
    const { seq, dist } = await both('specs/transaction-commit.ts', { deadlock: true })
    expect(seq.properties.find((p) => p.name === 'Deadlock')?.verdict).toBe('violated')
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('cut by max states where the sequential BFS stops, and by max depth', async () => {
    for (const extra of [{ maxStates: 1 }, { maxStates: 2 }, { maxStates: 100 }, { maxStates: 1567 }, { maxDepth: 5 }] as Partial<CheckOptions>[]) {
      const { seq, dist } = await both('specs/two-phase-commit.ts', { ...extra, params: { rms: 4 } })
      expect(dist.complete).toBe(false)
      expect(comparable(dist)).toEqual(comparable(seq))
    }
  })

  it('stops after the first initial state when the initial states fill max states, even one the constraint cuts', async () => {
    const url = new URL('../parallel/fixtures/random-graph.ts', import.meta.url).href
    const params = { seed: 12, nodes: 6, fanout: 1, inits: 3, bad: 0, frozen: 1 }
    const seq = await check(graphSpec, { workers: 1, maxStates: 2, params })
    expect([seq.stats.distinct, seq.stats.total]).toEqual([3, 3])
    const dist = await check(graphSpec, { maxStates: 2, params, processes: 3, nats: URL_, specUrl: url })
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  // The specs above that stop early have no constraint: a level cut by a stop (the workers count
  // its parents again up to the cut, `recount`) and a resumed run's counters both carry the count
  // of states the constraint cut (`stats.cut`), which only a spec with a constraint shows. Resumed
  // over another number of processes, the deadlock found before the checkpoint is remapped to
  // its state's new owner (`repartition.ts`): no other test resumes one.
  it('on a random graph whose constraint cuts states: cut by max states inside levels, and resumed over 2, the sequential counts (stats.cut included) and deadlock', async () => {
    const url = new URL('../parallel/fixtures/random-graph.ts', import.meta.url).href
    // 280 states in 8 levels (up to 89 wide), 26 of them cut by the constraint; a deadlock in level 2.
    const params = { seed: 9, nodes: 300, fanout: 3, inits: 3, bad: 0, frozen: 30 }
    const base = { params, properties: ['Small'], deadlock: true }
    const whole = await check(graphSpec, { ...base, workers: 1 })
    expect([whole.stats.distinct, whole.stats.cut, whole.properties.find((p) => p.name === 'Deadlock')?.trace?.steps.length]).toEqual([280, 26, 2])
    for (const maxStates of [60, 100, 140, 180, 220, 260]) {
      const seq = await check(graphSpec, { ...base, workers: 1, maxStates })
      const dist = await check(graphSpec, { ...base, maxStates, processes: 3, nats: URL_, specUrl: url })
      expect(comparable(dist)).toEqual(comparable(seq))
    }
    const dir = tempDir()
    const cut = await check(graphSpec, { ...base, maxStates: 140, processes: 3, nats: URL_, specUrl: url, checkpoint: dir, checkpointIntervalSeconds: 0 })
    expect(cut.stats.cut).toBeGreaterThan(0)
    const resumed = await check(graphSpec, { ...base, processes: 2, nats: URL_, specUrl: url, resume: dir })
    expect(comparable(resumed)).toEqual(comparable(whole))
  })

  it('on a packed model (2PC on words, 5 RMs): workers expand, hash and ship the words', async () => {
    const { seq, dist } = await both('specs/two-phase-commit-packed.ts', { params: { rms: 5 } })
    expect(dist.stats.distinct).toBe(8832)
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('on a packed model with a violation: the same shortest counterexample as the packed BFS', async () => {
    const { seq, dist } = await both('test/packed/fixtures/early-commit.ts', { params: { rms: 4 } })
    expect(seq.properties.find((p) => p.name === 'TCConsistent')?.verdict).toBe('violated')
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('on a packed model cut by max states and max depth, and resumed from a checkpoint of words', async () => {
    for (const extra of [{ maxStates: 1000 }, { maxDepth: 6 }] as Partial<CheckOptions>[]) {
      const { seq, dist } = await both('specs/two-phase-commit-packed.ts', extra)
      expect(dist.complete).toBe(false)
      expect(comparable(dist)).toEqual(comparable(seq))
    }
    const { spec, url } = await loadSpecFile('test/packed/fixtures/early-commit.ts')
    const params = { rms: 4 }
    const seq = await check(spec, { workers: 1, params })
    const dir = tempDir()
    const base = { params, processes: 3, nats: URL_, specUrl: url, checkpointIntervalSeconds: 0 }
    const cut = await check(spec, { ...base, checkpoint: dir, maxStates: 300 })
    expect(cut.complete).toBe(false)
    // Words are not plain states: --debug (which expands plain states) refuses them, before any process starts.
    await expect(check(spec, { ...base, resume: dir, debug: true })).rejects.toThrow(/it is a checkpoint of another search \(states: words in the checkpoint, plain now/)
    const resumed = await check(spec, { ...base, checkpoint: dir, resume: dir })
    expect(comparable(resumed)).toEqual(comparable(seq))
  })

  it('on a level too wide for one NATS message per worker (keys and ranks go in parts)', async () => {
    const { seq, dist } = await both('test/distributed/fixtures/wide.ts', {}, 1)
    expect(dist.stats.distinct).toBe(160_401)
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('on a message-passing model with a violation (Paxos over the network harness)', async () => {
    const { seq, dist } = await both('specs/paxos-net-minority-quorum.ts')
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  // Sleep sets (`--por`) on worker processes: each successor's set rides in its batch beside it and
  // the owner keeps its first arrival's, so the processes skip the steps the sequential `--por`
  // search skips: the same result, generated and slept counts included. A set network with
  // symmetry (paxos-net), a constraint and a violation (raft-figure8), drops and duplicates on a
  // bag (2PC-net) cut by max states inside a level (the owners recount up to the cut).
  it.each([
    ['specs/paxos-net.ts', { symmetry: true }],
    ['specs/raft-figure8.ts', {}],
    ['specs/two-phase-commit-net-drops.ts', { maxStates: 2_000 }],
  ] as const)('with partial-order reduction (%s)', async (file, extra) => {
    const { seq, dist } = await both(file, { ...extra, por: true })
    expect(seq.stats.slept).toBeGreaterThan(0)
    expect(dist.warnings.filter((w) => w.includes('partial-order'))).toEqual([])
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('with partial-order reduction and a checkpoint: stopped, then resumed over the same and another number of processes', async () => {
    const { spec, url } = await loadSpecFile('specs/paxos-net.ts')
    const seq = await check(spec, { workers: 1, symmetry: true, por: true })
    const base = { symmetry: true, por: true, nats: URL_, specUrl: url, checkpointIntervalSeconds: 0 }
    const dir = tempDir()
    const cut = await check(spec, { ...base, processes: 3, checkpoint: dir, maxStates: 1500 })
    expect([cut.stopReason, cut.warnings.filter((w) => w.includes('partial-order'))]).toEqual(['max-states', []])
    const other = tempDir()
    cpSync(dir, other, { recursive: true })
    // A checkpoint written with sleep sets resumes only with them.
    await expect(check(spec, { ...base, por: false, processes: 3, resume: dir })).rejects.toThrow(/por: true in the checkpoint, false now/)
    for (const [processes, from] of [[3, dir], [2, other]] as const) {
      const resumed = await check(spec, { ...base, processes, resume: from })
      expect(comparable(resumed), `${processes} processes`).toEqual(comparable(seq))
    }
  })

  it('compares the states a view merges, as the other engines do: an unsound view is a model error (with --debug too, across workers)', async () => {
    const { spec, url } = await loadSpecFile('test/explore/fixtures/unsound-view.ts')
    for (const debug of [false, true]) {
      await expect(check(spec, { processes: 3, nats: URL_, specUrl: url, debug })).rejects.toThrow(/^model counter: its view is unsound for property NoFlag: two states with the same view disagree on it/)
    }
    // Where the two states of a key are met on two workers, each alone agrees with itself: only the
    // coordinator's comparison of the keys each met first (--debug) finds it.
    const params = { limit: 2, from: 2 }
    expect((await check(spec, { processes: 2, nats: URL_, specUrl: url, params })).properties[0]?.verdict).toBe('holds')
    await expect(check(spec, { processes: 2, nats: URL_, specUrl: url, params, debug: true })).rejects.toThrow(/a state met earlier and a state met on a worker \(thread or process\)$/)
    // A sound one passes with --debug (every step compared), symmetry too.
    const sound = await loadSpecFile('specs/two-phase-commit-symmetry.ts')
    const r = await check(sound.spec, { processes: 2, nats: URL_, specUrl: sound.url, debug: true })
    expect(r.stats.distinct).toBe(314)
  })

  it('a model error in a worker names the line of the model, as on threads (and no state: the one in hand was written)', async () => {
    const { spec, url } = await loadSpecFile('test/fixtures/mutating.ts')
    const threads = check(spec, { workers: 2, specUrl: url })
    await expect(threads).rejects.toThrow(/next mutated a state .*\(at append \(.*misbehaving\.ts:\d+\)\)$/)
    const dist = check(spec, { processes: 3, nats: URL_, specUrl: url })
    await expect(dist).rejects.toThrow(/^model mutating: next mutated a state .*\(at append \(.*misbehaving\.ts:\d+\)\)$/)
    // Local worker processes start from the bundled entry, without tsx (which enables source maps
    // by itself, as in the workers above): the worker enables them for the run's bundle.
    const local = check(spec, { processes: 2, specUrl: url })
    await expect(local).rejects.toThrow(/^model mutating: next mutated a state .*\(at append \(.*misbehaving\.ts:\d+\)\)$/)
  })

  it('refuses what it does not support with one line naming the flag', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    await expect(check(spec, { processes: 3, nats: URL_, specUrl: url, memoryMiB: 64 })).rejects.toThrow(/^processes: memoryMiB is not supported/)
    await expect(check(spec, { processes: 0, nats: URL_, specUrl: url })).rejects.toThrow(/^processes 0: expected a positive whole number$/)
  })

  it('refuses a worker whose code hash differs (it exits 2 and says why); the run goes on', async () => {
    const bad = startWorker({ INTERLEAVE_CODE_HASH: 'not-this-code' })
    // Started (it is listening) before the run's hello.
    while (!bad.stderr().includes('waiting for runs')) await new Promise((r) => setTimeout(r, 100))
    const { seq, dist } = await both('specs/two-phase-commit.ts')
    expect(comparable(dist)).toEqual(comparable(seq))
    expect(await bad.exited).toBe(2)
    expect(bad.stderr()).toMatch(/refused: this worker's interleave code \(hash not-this-code\) differs from the coordinator's/)
  })

  // It was "internal error: TIMEOUT" (a pending request failed before the close was reported).
  it('a NATS server that goes away mid-run ends it with that error (a run error: exit 3, no verdict)', async () => {
    const port = await freePort()
    const own = `nats://127.0.0.1:${port}`
    const server = spawn(natsServerPath(), ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
    procs.push(server)
    await waitForPort(port)
    const workers = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--nats', own], { stdio: 'ignore' }))
    procs.push(...workers)
    const codes = workers.map((w) => new Promise<number | null>((r) => w.once('exit', (code) => r(code))))
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    // Killed once the search is under way: bounded by states, not by time.
    const options = resolveOptions({ processes: 2, nats: own, specUrl: url, params: { rms: 7 }, progressIntervalMs: 1, onProgress: (q) => void (q.distinct > 5000 && server.kill('SIGKILL')) })
    const gone = await distributedBfs(prepare(spec, options), options).then(
      () => undefined,
      (e: unknown) => e as Error,
    )
    expect(gone).toBeInstanceOf(DistributedRunError)
    expect(gone?.message).toMatch(new RegExp(`^the NATS server at ${own} went away`))
    expect(describeError(gone)).toMatchObject({ kind: 'run' })
    // Its workers end too, with an error (they logged the loss and stayed up, or said
    // "disconnected" and exit 0).
    expect(await Promise.all(codes)).toEqual([2, 2])
  })

  // The error was printed after the connect timeout, but the socket left open kept the process up
  // until the peer closed it.
  it('an address that accepts connections but does not speak NATS is an error, and the check exits', async () => {
    const { createServer } = await import('node:net')
    const held: import('node:net').Socket[] = []
    const silent = createServer((c) => void held.push(c))
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const port = (silent.address() as import('node:net').AddressInfo).port
    try {
      // Its wait for the server's greeting shortened (5 s by default): the same path, sooner.
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'check', 'specs/two-phase-commit.ts', '--processes', '2', '--nats', `nats://127.0.0.1:${port}`, '--out', tempDir()], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, INTERLEAVE_NATS_CONNECT_TIMEOUT_MS: '300' },
      })
      procs.push(child)
      let err = ''
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
      const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)))
      expect(code).toBe(2)
      expect(err).toMatch(new RegExp(`^error: --nats nats://127\\.0\\.0\\.1:${port}: cannot reach a NATS server there`, 'm'))
    } finally {
      for (const c of held) c.destroy()
      silent.close()
    }
  }, 30_000)

  it('finds a lost batch at the barrier (the run fails, exit 3) and ignores a duplicated one', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const options = resolveOptions({ processes: 3, nats: URL_, specUrl: url })
    const lost = await distributedBfs(prepare(spec, options), options, { lostAfterMs: 1000, faults: { dropAtLevel: 4 } }).then(
      () => undefined,
      (e: unknown) => e as Error,
    )
    expect(lost).toBeInstanceOf(DistributedRunError)
    expect(lost?.message).toMatch(/^worker [12] got 0 of the 1 batches worker 0 sent in level 4 \(none arrived for 1 s\): batches were lost$/)
    // For --json: neither the flags' fault nor the model's (it read "usage").
    expect(describeError(lost)).toMatchObject({ kind: 'run' })
    const seq = await check(spec, { workers: 1 })
    let stats: DistributedStats | undefined
    const dup = await distributedBfs(prepare(spec, options), options, { faults: { duplicateAtLevel: 4 }, onStats: (s) => (stats = s) })
    expect(stats?.duplicates).toBeGreaterThan(0)
    expect(comparable(dup)).toEqual(comparable(seq))
  })

  it('waits for N workers, then fails with one line naming the URL', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const options = resolveOptions({ processes: 5, nats: URL_, specUrl: url })
    await expect(distributedBfs(prepare(spec, options), options, { joinTimeoutMs: 1500 })).rejects.toThrow(
      new RegExp(`nats ${URL_}: 3 of 5 workers joined within 1.5 s \\(start them with: npx interleave worker --nats ${URL_}\\)`),
    )
    // The three that joined were sent away and serve the next run.
    const { seq, dist } = await both('specs/two-phase-commit-early-commit.ts')
    expect(comparable(dist)).toEqual(comparable(seq))
  })

  it('keeps a worker that joined long before the last one (pinged while the others join)', async () => {
    // Two workers in this process: one that leaves a run after 2.5 s without pings, and one
    // that joins 4 s later (the run waits for 5).
    const logs: string[] = []
    const early = runWorker({ url: URL_, once: true, log: (l) => logs.push(l), abandonAfterMs: 2500 })
    const late = new Promise<number>((r) => setTimeout(() => r(runWorker({ url: URL_, once: true, log: (l) => logs.push(l) })), 4000))
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const seq = await check(spec, { workers: 1 })
    const dist = await check(spec, { processes: 5, nats: URL_, specUrl: url })
    expect(comparable(dist)).toEqual(comparable(seq))
    expect([await early, await late]).toEqual([0, 0])
    expect(logs.filter((l) => l.includes('leaving the run'))).toEqual([])
  })

  it('tells onProgress how many workers joined while it waits for them', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const ac = new AbortController()
    const seen: Progress['joining'][] = []
    // The file's three workers join a run of four; the test stops the wait once they have.
    const onProgress = (q: Progress): void => {
      seen.push(q.joining)
      if (q.joining?.joined === 3) ac.abort()
    }
    const options = resolveOptions({ processes: 4, nats: URL_, specUrl: url, signal: ac.signal, onProgress })
    await expect(distributedBfs(prepare(spec, options), options, { joinTimeoutMs: 60_000 })).rejects.toThrow(/^processes: interrupted while the workers were joining$/)
    expect(seen.every((j) => j?.url === URL_ && j.wanted === 4)).toBe(true)
    // Each change, in order (a worker still starting may add the 5 s refresh of a count).
    expect(seen.map((j) => j?.joined).filter((k, i, all) => i === 0 || k !== all[i - 1])).toEqual([0, 1, 2, 3])
  })

  it('stops waiting for workers when interrupted (no verdict)', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 300)
    const options = resolveOptions({ processes: 5, nats: URL_, specUrl: url, signal: ac.signal })
    await expect(distributedBfs(prepare(spec, options), options, { joinTimeoutMs: 60_000 })).rejects.toThrow(/^processes: interrupted while the workers were joining$/)
  })

  it('names the missing nats-server in one line', () => {
    const saved = process.env.INTERLEAVE_NATS_SERVER
    process.env.INTERLEAVE_NATS_SERVER = '/nonexistent/nats-server'
    try {
      expect(() => natsServerPath()).toThrow(/^nats-server not found at \/nonexistent\/nats-server \(INTERLEAVE_NATS_SERVER; apt-get install nats-server\)$/)
    } finally {
      if (saved === undefined) delete process.env.INTERLEAVE_NATS_SERVER
      else process.env.INTERLEAVE_NATS_SERVER = saved
    }
  })

  it('fails with a message naming the worker when one dies mid-run (local --processes)', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const options = resolveOptions({ processes: 2, specUrl: url, params: { rms: 4 } })
    const p = prepare(spec, options)
    let stats: DistributedStats | undefined
    let killed = 0
    const run = distributedBfs(p, options, {
      onLevel: (level, local) => {
        if (level !== 4) return
        killed = local!.workers[1].child.pid as number
        local!.workers[1].child.kill('SIGKILL')
      },
      onStats: (s) => (stats = s),
    })
    const error = await run.then(
      () => undefined,
      (e: unknown) => e as Error,
    )
    // The CLI's exit code 3 (no verdict) follows from it (src/cli/main.ts); with --checkpoint the
    // run would go on from its checkpoint (a lost worker, tested below over --nats).
    expect(error).toBeInstanceOf(WorkerLostError)
    // Named by its local process, or by its place in the cluster (the order the workers joined in,
    // which need not be their start order): either way, by the pid killed.
    expect(error?.message).toMatch(new RegExp(`worker process 2 of 2 \\(pid ${killed}\\) was killed \\(SIGKILL\\)|worker [01] \\(pid ${killed}\\) is gone`))
    expect(stats).toBeUndefined()
  })

  it('interrupted while a worker is stuck in a model step: ends once the level shows no progress, not when its pings run out (local --processes)', async () => {
    // The counter whose step from n = 2 never returns: level 3 never comes back.
    const { spec, url } = await loadSpecFile('test/cli/fixtures/counter-loops.ts')
    const ac = new AbortController()
    const options = resolveOptions({ processes: 2, specUrl: url, signal: ac.signal })
    const t0 = performance.now()
    const run = distributedBfs(prepare(spec, options), options, {
      interruptGraceMs: 1000,
      onLevel: (level) => {
        if (level === 3) setTimeout(() => ac.abort(), 300)
      },
    })
    await expect(run).rejects.toThrow(new DistributedRunError('processes: interrupted, and level 3 made no progress for 1 s (a worker stuck in a model step?); the run ends without a result'))
    expect(performance.now() - t0, 'well before a ping timeout').toBeLessThan(60_000)
  })

  it('interrupted in a level that takes longer than the grace but progresses: waits for it, and reports the run interrupted', async () => {
    const { spec, url } = await loadSpecFile('test/distributed/fixtures/slow-level.ts')
    const ac = new AbortController()
    const options = resolveOptions({ processes: 2, specUrl: url, signal: ac.signal })
    const r = await distributedBfs(prepare(spec, options), options, {
      interruptGraceMs: 2000,
      onLevel: (level) => {
        if (level === 1) setTimeout(() => ac.abort(), 300)
      },
    })
    expect(r.stopReason).toBe('interrupted')
    expect(r.stats.distinct).toBe(600)
  })

  it('resumes a stopped run from its checkpoint to the uninterrupted result (counterexample included)', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit-early-commit.ts')
    const params = { rms: 4 }
    const seq = await check(spec, { workers: 1, params })
    expect(seq.properties.some((p) => p.verdict === 'violated' && p.trace)).toBe(true)
    const dir = tempDir()
    const base = { params, processes: 3, nats: URL_, specUrl: url, checkpointIntervalSeconds: 0 }
    // Cut by max states in level 6 (its successors pass the 700th state): the checkpoint is that level's start.
    const cut = await check(spec, { ...base, checkpoint: dir, maxStates: 700 })
    expect(cut.complete).toBe(false)
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).start).toMatchObject({ level: 6, distinct: 504 })
    const resumed = await check(spec, { ...base, checkpoint: dir, resume: dir })
    expect(comparable(resumed)).toEqual(comparable(seq))
    // Interrupted between levels (Ctrl-C during level 3): the checkpoint is level 4's start.
    const ac = new AbortController()
    const options = resolveOptions({ ...base, checkpoint: dir, signal: ac.signal })
    const stopped = await distributedBfs(prepare(spec, options), options, { onLevel: (level) => level === 3 && ac.abort() })
    expect(stopped.stopReason).toBe('interrupted')
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).start).toMatchObject({ level: 4, distinct: 134 })
    const again = await check(spec, { ...base, resume: dir })
    expect(comparable(again)).toEqual(comparable(seq))
  })

  it('a max-depth stop leaves a checkpoint of the level it stopped at, as every stop does; resumed deeper, the whole result', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const dir = tempDir()
    const base = { processes: 3, nats: URL_, specUrl: url }
    // Only the first level's checkpoint is due by the interval: the stop must write its own.
    const cut = await check(spec, { ...base, checkpoint: dir, checkpointIntervalSeconds: 3600, maxDepth: 4 })
    expect(cut.stopReason).toBe('max-depth')
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).start).toMatchObject({ level: 4, depth: 4 })
    const same = await check(spec, { ...base, resume: dir, maxDepth: 4 })
    expect(comparable(same)).toEqual(comparable(cut))
    const seq = await check(spec, { workers: 1 })
    const deeper = await check(spec, { ...base, resume: dir })
    expect(comparable(deeper)).toEqual(comparable(seq))
  })

  it('a lost worker with --checkpoint: exit 3 naming the checkpoint (no recovery left), and the resume equals the sequential BFS', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const dir = tempDir()
    const options = resolveOptions({ params: { rms: 4 }, processes: 3, nats: URL_, specUrl: url, checkpoint: dir, checkpointIntervalSeconds: 0 })
    const lost = await distributedBfs(prepare(spec, options), options, { lostAfterMs: 1000, faults: { dropAtLevel: 5 }, recoveries: 0 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    )
    expect(lost).toBeInstanceOf(WorkerLostError)
    expect(lost?.message).toMatch(/^worker [12] got 0 of the 1 batches worker 0 sent in level 5 .*: batches were lost; the last checkpoint \(level 5, 288 states\) is in /)
    // The options to resume with, as the API names them; the CLI prints its flags.
    expect(lost?.message.endsWith(`is in ${dir}: resume with resume ${dir} processes 3 nats ${URL_} and this run's parameters and flags`)).toBe(true)
    expect(describeError(lost, flagOf).message.endsWith(`is in ${dir}: resume with --resume ${dir} --processes 3 --nats ${URL_} and this run's parameters and flags`)).toBe(true)
    const seq = await check(spec, { workers: 1, params: { rms: 4 } })
    const resumed = await check(spec, { params: { rms: 4 }, processes: 3, nats: URL_, specUrl: url, resume: dir })
    expect(comparable(resumed)).toEqual(comparable(seq))
  })

  // Another N is not refused: the checkpoint is re-partitioned (repartition.test.ts).
  it('refuses a checkpoint it cannot resume with one line (exit 2), before starting any process', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const dir = tempDir()
    await check(spec, { processes: 3, nats: URL_, specUrl: url, checkpoint: dir, maxStates: 100 })
    const resume = (o: Partial<CheckOptions>): Promise<unknown> => check(spec, { processes: 3, nats: URL_, specUrl: url, resume: dir, ...o })
    const refused = (why: string): RegExp => new RegExp(`^resume ${dir}: ${why}; refusing to resume from it$`)
    await expect(resume({ params: { rms: 4 } })).rejects.toThrow(refused('it is a checkpoint of another search \\(params: .*\\)'))
    await expect(resume({ resume: join(dir, 'nothing') })).rejects.toThrow(/^resume .*nothing: no checkpoint there \(manifest.json is missing\); refusing to resume from it$/)
    const manifest = join(dir, 'manifest.json')
    const text = readFileSync(manifest, 'utf8')
    writeFileSync(manifest, text.replace(/"total": (\d+)/, (_, t: string) => `"total": ${Number(t) + 1}`))
    await expect(resume({})).rejects.toThrow(refused('manifest.json was edited or is corrupt \\(its checksum does not match\\)'))
    writeFileSync(manifest, text)
    writeFileSync(join(dir, 'p1.lo.bin'), Buffer.alloc(8))
    await expect(resume({})).rejects.toThrow(/refusing to resume from it$/)
    // A checkpoint of the thread engine is not one of processes, and the other way round.
    const threads = tempDir()
    await check(spec, { workers: 1, specUrl: url, checkpoint: threads, maxStates: 100 })
    await expect(resume({ resume: threads })).rejects.toThrow(/it is a checkpoint of a search on threads, not processes \(resume it without processes\)/)
    await expect(check(spec, { workers: 1, specUrl: url, resume: dir })).rejects.toThrow(/it is a checkpoint of a search on worker processes, not threads \(resume it with processes N\)/)
  })

  // With `--processes N` alone the resumed run starts new local processes instead (the same
  // loop, `distributed-bfs.ts`); not repeated here: two local clusters cost some 8 s.
  it('a worker killed mid-run (--nats, --checkpoint): the survivor and an idle worker resume the run, with the sequential result', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const dir = tempDir()
    // Two of the three shared workers run it; the third is idle and joins the resumed run.
    const reports: Progress[] = []
    const options = resolveOptions({ processes: 2, nats: URL_, specUrl: url, params: { rms: 4 }, checkpoint: dir, checkpointIntervalSeconds: 0, progressIntervalMs: 1, onProgress: (q) => reports.push(q) })
    let killed: ChildProcess | undefined
    const dist = await distributedBfs(prepare(spec, options), options, {
      lostAfterMs: 2000,
      onLevel: (level, _local, pids) => {
        if (level === 4 && !killed) {
          killed = procs.find((c) => c.pid === pids[1])
          killed!.kill('SIGKILL')
        }
      },
    })
    // The file's workers are three again.
    startWorker()
    const seq = await check(spec, { workers: 1, params: { rms: 4 } })
    expect(killed).toBeDefined()
    expect(dist.warnings).toEqual([expect.stringMatching(new RegExp(`^worker 1 \\(pid ${killed!.pid}\\) is gone .*; resumed from the checkpoint of level 4 in ${dir} with the workers that joined again$`))])
    expect(comparable({ ...dist, warnings: [] })).toEqual(comparable(seq))
    // The progress line's per-process part (`report/progress.ts`), one entry per worker, once
    // the workers have joined (before, the reports say how many have: `joining`).
    const searching = reports.filter((q) => q.joining === undefined)
    expect(searching.length).toBeGreaterThan(0)
    expect(searching.every((q) => q.processes?.length === 2)).toBe(true)
  })
})
