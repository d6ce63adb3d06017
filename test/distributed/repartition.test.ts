/**
 * Resuming a distributed run's checkpoint with another number of processes (`repartition.ts`):
 * a run over 3 processes cut by max states, resumed over 2 and over 4, ends with the sequential
 * BFS's result (counts, depth, levels, coverage, verdicts, first counterexample and witnesses,
 * rebuilt from the re-partitioned parent links); the run over 4 writes its checkpoints into the
 * same directory under the other stem, and resuming its last one over 2 gives the same result
 * again. A property decided before the cut (the `sometimes` witness AllAborted) has its state
 * reference remapped. Plain and packed models, with a violation and without.
 *
 * Its own nats-server and four workers (`distributed-bfs.test.ts` counts on three).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import type { CheckResult } from '../../src/index.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { distributedBfs } from '../../src/distributed/distributed-bfs.ts'
import { freePort, natsServerPath, waitForPort } from '../../src/distributed/local-cluster.ts'
import { comparable as comparableAll } from '../parallel/compare.ts'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
let URL_ = ''
const procs: ChildProcess[] = []
const dirs: string[] = []

beforeAll(async () => {
  const port = await freePort()
  URL_ = `nats://127.0.0.1:${port}`
  procs.push(spawn(natsServerPath(), ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' }))
  await waitForPort(port)
  for (let k = 0; k < 4; k++) procs.push(spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--nats', URL_], { stdio: 'ignore' }))
})

afterAll(() => {
  for (const p of procs.reverse()) p.kill('SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const comparable = (r: CheckResult): unknown => {
  const { processes: _p, ...stats } = r.stats
  return comparableAll({ ...r, stats })
}

const manifestOf = (dir: string): { processes: number; stem?: string; start: { level: number; distinct: number; decidedAt: number[] } } =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))

/** Cut over 3 at `maxStates`; resumed over 2 (read only), over 4 (into the same directory), and
 * the 4's last checkpoint over 2: each equals the sequential BFS. */
async function threeToTwoAndFour(file: string, maxStates: number): Promise<CheckResult> {
  const { spec, url } = await loadSpecFile(file)
  const params = { rms: 4 }
  const seq = await check(spec, { workers: 1, params })
  const dir = mkdtempSync(join(tmpdir(), 'interleave-repartition-'))
  dirs.push(dir)
  const base = { params, nats: URL_, specUrl: url, checkpointIntervalSeconds: 0 }
  const cut = await check(spec, { ...base, processes: 3, checkpoint: dir, maxStates })
  expect(cut.complete).toBe(false)
  const at = manifestOf(dir)
  expect(at.processes).toBe(3)
  // AllAborted's witness was found before the cut: its reference is remapped.
  expect(at.start.decidedAt.some((r) => r >= 0)).toBe(true)

  const two = await check(spec, { ...base, processes: 2, resume: dir })
  expect(comparable(two)).toEqual(comparable(seq))
  expect(two.stats.processes).toHaveLength(2)
  expect(manifestOf(dir)).toEqual(at)

  const four = await check(spec, { ...base, processes: 4, resume: dir, checkpoint: dir })
  expect(comparable(four)).toEqual(comparable(seq))
  // Its checkpoints went under the other stem; the 3's files went when the first was written.
  const after = manifestOf(dir)
  expect([after.processes, after.stem]).toEqual([4, 'q'])
  expect(after.start.level).toBeGreaterThan(at.start.level)
  const files = readdirSync(dir).filter((f) => f !== 'manifest.json').sort()
  expect(files.filter((f) => !/^q[0-3]\.(hi|lo|po|pl|ord|frontier-\d+)\.bin$/.test(f))).toEqual([])
  expect(files).toHaveLength(4 * 6)

  const again = await check(spec, { ...base, processes: 2, resume: dir })
  expect(comparable(again)).toEqual(comparable(seq))
  return seq
}

describe('a checkpoint written over 3 processes resumes over 2 and over 4 with the sequential result', () => {
  it('plain model with a violation (2PC early commit, 4 RMs): the same first counterexample', async () => {
    const seq = await threeToTwoAndFour('specs/two-phase-commit-early-commit.ts', 1000)
    expect(seq.properties.find((p) => p.name === 'TCConsistent')).toMatchObject({ verdict: 'violated' })
    expect(seq.properties.find((p) => p.name === 'TCConsistent')?.trace?.steps).toHaveLength(10)
  })

  it('plain model without one (2PC, 4 RMs)', async () => {
    const seq = await threeToTwoAndFour('specs/two-phase-commit.ts', 1000)
    expect(seq.stats.distinct).toBe(1568)
    expect(seq.properties.every((p) => p.verdict === 'holds')).toBe(true)
  })

  it('packed model with a violation (words re-partitioned as words)', async () => {
    const seq = await threeToTwoAndFour('test/packed/fixtures/early-commit.ts', 1000)
    expect(seq.properties.find((p) => p.name === 'TCConsistent')).toMatchObject({ verdict: 'violated' })
  })

  it('packed model without one', async () => {
    const seq = await threeToTwoAndFour('specs/two-phase-commit-packed.ts', 1000)
    expect(seq.stats.distinct).toBe(1568)
  })

  it('a run over another N killed before its first checkpoint leaves the checkpoint it resumed whole', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit-early-commit.ts')
    const params = { rms: 4 }
    const dir = mkdtempSync(join(tmpdir(), 'interleave-repartition-'))
    dirs.push(dir)
    await check(spec, { params, nats: URL_, specUrl: url, processes: 3, checkpoint: dir, checkpointIntervalSeconds: 0, maxStates: 1000 })
    const at = manifestOf(dir)
    // Over 4 into the same directory, no checkpoint due for an hour, and the run dies at its first level.
    const options = resolveOptions({ params, nats: URL_, specUrl: url, processes: 4, resume: dir, checkpoint: dir, checkpointIntervalSeconds: 3600 })
    const died = await distributedBfs(prepare(spec, options), options, {
      onLevel: () => {
        throw new Error('killed')
      },
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    )
    expect(died?.message).toBe('killed')
    expect(manifestOf(dir)).toEqual(at)
    expect(existsSync(join(dir, 'p0.hi.bin'))).toBe(true)
    const seq = await check(spec, { workers: 1, params })
    const resumed = await check(spec, { params, nats: URL_, specUrl: url, processes: 2, resume: dir })
    expect(comparable(resumed)).toEqual(comparable(seq))
  })

  it('still refuses a checkpoint of another search, in one line naming --resume', async () => {
    const { spec, url } = await loadSpecFile('specs/two-phase-commit.ts')
    const dir = mkdtempSync(join(tmpdir(), 'interleave-repartition-'))
    dirs.push(dir)
    await check(spec, { nats: URL_, specUrl: url, processes: 3, checkpoint: dir, maxStates: 100 })
    await expect(check(spec, { nats: URL_, specUrl: url, processes: 2, resume: dir, params: { rms: 4 } })).rejects.toThrow(
      new RegExp(`^resume ${dir}: it is a checkpoint of another search \\(params: .*\\); refusing to resume from it$`),
    )
  })
})
