/**
 * Parallel scaling on TwoPhase.tla (specs/two-phase-commit.ts with --param rms=N), each run in its
 * own process so peak RSS belongs to it alone. Prints min / median / max wall time over several
 * runs for: the sequential BFS (`--workers 1`, the oracle), the parallel BFS on our worker pool
 * with 1 and 2 workers, and the same on piscina; then the speedup of 2 workers over the sequential
 * BFS (median over median), bytes per stored state and peak RSS. `--big` adds one run each of
 * 9 and 10 RMs (10,340,352 and 61,515,776 states: long).
 *
 * Usage: node --import tsx bench/parallel.ts [--rms 8] [--runs 5] [--big] [--quick] [--packed]
 *   [--workers 1,2,4,8,16]
 * (--quick: 7 RMs, 3 runs; --packed: the packed-words model, specs/two-phase-commit-packed.ts,
 * whose sequential run is the packed BFS; --workers: our pool at each of these sizes instead of
 * the default 1 and 2 plus piscina at 2, for scaling on a bigger machine.) The machine should be
 * idle: on a loaded one the spread says so.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { AnySpec } from '../src/core/spec.ts'
import { resolveOptions } from '../src/core/options.ts'
import { bfs } from '../src/explore/bfs.ts'
import { prepare } from '../src/explore/prepare.ts'
import { parallelBfs } from '../src/parallel/parallel-bfs.ts'
import { packedBfs, packedRuntimeOf } from '../src/packed/packed-bfs.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PACKED = process.argv.includes('--packed')
const SPEC = PACKED ? 'specs/two-phase-commit-packed.ts' : 'specs/two-phase-commit.ts'

interface Sample {
  mode: string
  rms: number
  distinct: number
  total: number
  wall_s: number
  cpu_s: number
  visited_bytes: number
  frontier_bytes: number
  peak_rss_bytes: number
}

type Mode = 'sequential' | 'threads' | 'piscina'

async function child(mode: Mode, rms: number, workers: number): Promise<void> {
  const url = pathToFileURL(resolve(ROOT, SPEC)).href
  const spec = (await import(url)).default as AnySpec
  const o = resolveOptions({ params: { rms }, workers, specUrl: url })
  const p = prepare(spec, o)
  const cpu0 = process.cpuUsage()
  const rt = packedRuntimeOf(p)
  const r = mode !== 'sequential' ? await parallelBfs(p, o, { pool: mode }) : rt ? await packedBfs(p, o, rt) : await bfs(p, o)
  const cpu = process.cpuUsage(cpu0)
  const sample: Sample = {
    mode: mode === 'sequential' ? 'sequential BFS' : `${mode} ×${workers}`,
    rms,
    distinct: r.stats.distinct,
    total: r.stats.total,
    wall_s: r.stats.seconds,
    cpu_s: (cpu.user + cpu.system) / 1e6,
    visited_bytes: r.stats.visitedBytes,
    frontier_bytes: r.stats.frontierBytes ?? 0,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  }
  process.stdout.write(`${JSON.stringify(sample)}\n`)
}

function run(mode: Mode, rms: number, workers: number): Sample {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=20000', 'bench/parallel.ts', '--child', mode, String(rms), String(workers), ...(PACKED ? ['--packed'] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 })
  return JSON.parse(out.trim().split('\n').pop()!) as Sample
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const f2 = (x: number): string => x.toFixed(2)
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv[0] === '--child') return child(argv[1] as Mode, Number(argv[2]), Number(argv[3]))
  const quick = argv.includes('--quick')
  const arg = (name: string, d: number): number => {
    const i = argv.indexOf(name)
    return i >= 0 ? Number(argv[i + 1]) : d
  }
  const rms = arg('--rms', quick ? 7 : 8)
  const runs = arg('--runs', quick ? 3 : 5)
  const wi = argv.indexOf('--workers')
  const sizes = wi >= 0 ? argv[wi + 1]!.split(',').map(Number) : undefined
  const configs: [Mode, number][] = sizes ? [['sequential', 1], ...sizes.map((w): [Mode, number] => ['threads', w])] : [['sequential', 1], ['threads', 1], ['threads', 2], ['piscina', 2]]
  const results = new Map<string, Sample[]>()
  // Interleave the configurations so that a change in background load hits them all alike.
  for (let k = 0; k < runs; k++) {
    for (const [mode, w] of configs) {
      const s = run(mode, rms, w)
      results.set(s.mode, [...(results.get(s.mode) ?? []), s])
    }
  }
  console.log(`TwoPhase.tla${PACKED ? ' (packed words)' : ''}, ${rms} RMs, ${runs} runs each (wall seconds; each run in its own process)`)
  console.log('mode              distinct     generated   min     median  max     states/s   bytes/state  peak RSS')
  for (const [mode, ss] of results) {
    const w = ss.map((s) => s.wall_s)
    const s0 = ss[0]!
    console.log(
      `${mode.padEnd(16)}  ${String(s0.distinct).padStart(10)}  ${String(s0.total).padStart(11)}   ${f2(Math.min(...w)).padStart(6)}  ${f2(median(w)).padStart(6)}  ${f2(Math.max(...w)).padStart(6)}  ${Math.round(s0.distinct / median(w)).toString().padStart(9)}  ${f2(s0.visited_bytes / s0.distinct).padStart(11)}  ${mib(Math.max(...ss.map((s) => s.peak_rss_bytes)))}`,
    )
  }
  const seq = median(results.get('sequential BFS')!.map((s) => s.wall_s))
  const one = results.has('threads ×1') ? median(results.get('threads ×1')!.map((s) => s.wall_s)) : undefined
  for (const mode of results.keys()) {
    if (mode === 'sequential BFS' || mode === 'threads ×1') continue
    const m = median(results.get(mode)!.map((s) => s.wall_s))
    console.log(`speedup ${mode} over the sequential BFS: ${f2(seq / m)}x (medians)${one ? `; over threads ×1: ${f2(one / m)}x` : ''}`)
  }
  if (argv.includes('--big')) {
    for (const n of [9, 10]) {
      const s = run('threads', n, 2)
      console.log(`${n} RMs, threads ×2: ${s.distinct} distinct / ${s.total} generated in ${f2(s.wall_s)} s, ${f2(s.visited_bytes / s.distinct)} bytes/state in the visited set, frontier peak ${mib(s.frontier_bytes)}, peak RSS ${mib(s.peak_rss_bytes)}`)
    }
  }
}

await main()
