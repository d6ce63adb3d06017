/**
 * What the distributed search (issue #16, `src/distributed/`) costs on one machine: TwoPhase.tla,
 * as the plain-data model and as the packed one (int32 words, `models/two-phase-commit-packed.ts`),
 * with 1 process (the sequential BFS; the packed BFS for the packed model), 4 worker threads in one
 * process (`--workers 4`), and 4 worker processes over a local nats-server (`--processes 4`):
 * wall seconds, states per wall second, CPU seconds over all processes, bytes sent per distinct
 * state (batches and control frames), and peak RSS per process. Each configuration runs in a
 * child process of its own, so its peak RSS is its own.
 *
 * Usage: node --import tsx bench/distributed.ts [--rms 6] [--processes 4] [--model plain|packed]
 * (both models without --model)
 * `--rms 8` is the issue's size (minutes here); the 10-RM run across 4 processes is a CLI command
 * (docs/distributed.md, "2PC with 10 RMs across 4 processes").
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { check } from '../src/check.ts'
import { loadSpecFile } from '../src/cli/load-spec.ts'
import { resolveOptions } from '../src/core/options.ts'
import { distributedBfs } from '../src/distributed/distributed-bfs.ts'
import type { DistributedStats } from '../src/distributed/distributed-bfs.ts'
import { prepare } from '../src/explore/prepare.ts'

const SELF = fileURLToPath(import.meta.url)
const arg = (name: string, d: number): number => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : d
}
const rms = arg('--rms', 6)
const procs = arg('--processes', 4)
const SPECS = { plain: 'specs/two-phase-commit.ts', packed: 'specs/two-phase-commit-packed.ts' } as const
type Kind = keyof typeof SPECS
const only = process.argv.includes('--model') ? process.argv[process.argv.indexOf('--model') + 1] : undefined
if (only !== undefined && !(only in SPECS)) throw new Error(`--model ${only}: expected plain or packed`)
const kinds = (only ? [only] : ['plain', 'packed']) as Kind[]

interface Row {
  readonly config: string
  readonly distinct: number
  readonly wall: number
  /** Seconds of the search itself (after the workers started and loaded the spec). */
  readonly search: number
  readonly cpu: number
  readonly bytesPerState: number | undefined
  /** Successor batches and control frames, all processes together. */
  readonly messages: string | undefined
  readonly rssMiB: readonly number[]
}

async function one(config: string, kind: Kind): Promise<Row> {
  const { spec, url } = await loadSpecFile(SPECS[kind])
  const params = { rms }
  const t = performance.now()
  if (config === 'processes') {
    const options = resolveOptions({ params, processes: procs, specUrl: url })
    let stats: DistributedStats | undefined
    const r = await distributedBfs(prepare(spec, options), options, { onStats: (s) => (stats = s) })
    const wall = (performance.now() - t) / 1000
    const s = stats!
    const own = process.cpuUsage()
    return {
      config: `${procs} processes (NATS)`,
      distinct: r.stats.distinct,
      wall,
      search: r.stats.seconds,
      cpu: (own.user + own.system) / 1e6 + s.workerCpu.reduce((a, b) => a + b, 0),
      bytesPerState: (s.batchBytes + s.controlBytes) / r.stats.distinct,
      messages: `${s.batches} batches (${(s.batchBytes / r.stats.distinct).toFixed(1)} bytes/state), control ${(s.controlBytes / r.stats.distinct).toFixed(1)} bytes/state, ${r.stats.total.toLocaleString('en-US')} generated`,
      rssMiB: [process.resourceUsage().maxRSS / 1024, ...s.workerRss.map((b) => b / 2 ** 20)],
    }
  }
  const workers = config === 'threads' ? 4 : 1
  const r = await check(spec, { params, workers, specUrl: url })
  const wall = (performance.now() - t) / 1000
  const own = process.cpuUsage()
  return {
    config: workers === 1 ? '1 process, 1 thread' : '1 process, 4 threads',
    distinct: r.stats.distinct,
    wall,
    search: r.stats.seconds,
    cpu: (own.user + own.system) / 1e6,
    bytesPerState: undefined,
    messages: undefined,
    rssMiB: [process.resourceUsage().maxRSS / 1024],
  }
}

if (process.argv.includes('--one')) {
  const row = await one(process.argv[process.argv.indexOf('--one') + 1], kinds[0])
  process.stdout.write(`${JSON.stringify(row)}\n`)
} else {
  for (const kind of kinds) {
    process.stdout.write(`TwoPhase.tla, ${rms} RMs, ${kind === 'plain' ? 'plain-data' : 'packed (int32 words)'} model; each configuration in its own process\n`)
    for (const config of ['sequential', 'threads', 'processes']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--one', config, '--rms', String(rms), '--processes', String(procs), '--model', kind], { encoding: 'utf8' })
      const line = r.stdout.trim().split('\n').pop() ?? ''
      if (r.status !== 0 || !line.startsWith('{')) {
        process.stdout.write(`${config}: failed (${r.stderr.trim().split('\n').pop()})\n`)
        continue
      }
      const row = JSON.parse(line) as Row
      const rss = row.rssMiB.map((m) => m.toFixed(0)).join(' / ')
      process.stdout.write(
        `${row.config.padEnd(24)} ${row.distinct.toLocaleString('en-US')} states  ${row.wall.toFixed(2)} s wall (search ${row.search.toFixed(2)} s: ${Math.round(row.distinct / row.search).toLocaleString('en-US')} states/s)  ${row.cpu.toFixed(2)} CPU s  ${row.bytesPerState === undefined ? '' : `${row.bytesPerState.toFixed(1)} bytes/state sent  `}peak RSS MiB ${rss}\n`,
      )
      if (row.messages) process.stdout.write(`${''.padEnd(24)} ${row.messages}\n`)
    }
  }
}

