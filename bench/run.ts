/**
 * `npm run bench`: the figures docs/performance.md quotes, measured in one invocation.
 *
 * 1. Single-thread throughput on TwoPhase.tla with 7 and 8 RMs, as the plain-data model and as the
 *    packed-words model, with SPIN on the same model in the same run (our Promela port,
 *    `bench/spin/two-phase-commit.pml`, built and run by `bench/spin/run-spin.sh N`) and the ratio.
 * 2. Bytes per stored state in the visited set, and peak RSS (each run in its own process).
 * 3. What Immutable.js costs: the same model written with Immutable.js collections.
 * 4. The fingerprint alone: ns per state, plain data and Immutable.js.
 * 5. Parallel scaling, when bench/parallel.ts is present (`--parallel`).
 * 6. Reliability costs (bench/reliability.ts): narrow levels with 1 and 2 workers, and what
 *    mutation detection costs on 2PC-8 and Raft.
 * 7. Whether a node-level partial-order reduction could save states: the "sends to" graph of each
 *    message-passing spec (bench/por-communication.ts), and an upper bound of what eager delivery
 *    of ignored messages would save (bench/por-noop-bound.ts).
 *    Then the reduction built instead: sleep sets (`--por`), each spec with and without it
 *    (bench/sleep-sets.ts).
 * 8. Every bundled message-passing model on one core, at a size of several CPU-seconds
 *    (bench/message-passing.ts): distinct and generated states, CPU seconds and states per
 *    CPU-second, with and without symmetry (the exact reduction the engine has) where the model
 *    has it.
 * 9. A level's states as objects or encoded (bench/level-states.ts): CPU and peak RSS of the
 *    sequential BFS on Raft, paxos-net and multi-paxos either way.
 * 10. The BFS over 4 worker processes and NATS against 1 process and 4 threads (bench/distributed.ts,
 *    2PC with 8 RMs, the size, plain and packed models; 6 with --quick).
 *
 * Usage: npm run bench [-- --quick] [-- --parallel] [-- --spin-only]
 *   --quick: 7 RMs only, for a smoke run; --spin-only: table 1 alone (the comparison with SPIN).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { int, secs, table } from '../src/report/format.ts'
import { fingerprintBench } from './fingerprint-bench.ts'
import { messagePassingTable } from './message-passing.ts'
import { median, oneRun } from './one-run-child.ts'
import type { OneRun } from './one-run-child.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const quick = process.argv.includes('--quick')
const withParallel = process.argv.includes('--parallel')
const spinOnly = process.argv.includes('--spin-only')
/** Runs per single-thread figure: the table shows the median run. */
const RUNS = quick ? 1 : 3

/** One check of ours in its own process (`bench/one-run.ts`). */
const ours = (file: string, params: string[], workers = 1): OneRun => oneRun(file, [...params, '--workers', String(workers)])


interface SpinRun {
  distinct: number
  generated: number
  depth: number
  cpu_s: number
  wall_s: number
}

function spin(n: number): SpinRun | string {
  const script = `${ROOT}bench/spin/run-spin.sh`
  const r = spawnSync('bash', [script, String(n)], { encoding: 'utf8' })
  if (r.status !== 0) return `spin failed: ${r.stderr.trim().split('\n').pop() ?? ''}`
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as SpinRun
}

const rows: string[][] = []
console.log(`Interleave bench — node ${process.version}, ${process.platform}/${process.arch}`)
console.log('Single thread, TwoPhase.tla as a plain-data model and as a packed-words model, against SPIN')
console.log(`on the same model in the same run (ratio: our distinct states per CPU-second over SPIN's; median of ${RUNS} runs each):\n`)
for (const n of quick ? [7] : [7, 8]) {
  const s = median(RUNS, () => spin(n), (x) => (typeof x === 'string' ? 0 : x.cpu_s))
  const spinRate = typeof s === 'string' ? undefined : s.distinct / s.cpu_s
  for (const [model, file] of [
    ['plain data', 'specs/two-phase-commit.ts'],
    ['packed words', 'specs/two-phase-commit-packed.ts'],
  ] as const) {
    const r = median(RUNS, () => ours(file, [`rms=${n}`]), (x) => x.wall_s)
    const ourRate = r.distinct / r.cpu_s
    rows.push([
      `2PC ${n} RMs`,
      model,
      int(r.distinct),
      int(r.total),
      String(r.depth),
      secs(r.wall_s),
      secs(r.cpu_s),
      int(r.distinct / r.wall_s),
      int(ourRate),
      int(r.total / r.cpu_s),
      (r.visited_bytes / r.distinct).toFixed(1),
      int(r.peak_rss_bytes / 1048576),
      typeof s === 'string' ? s : `${int(s.distinct)} in ${secs(s.cpu_s)} s`,
      spinRate ? int(spinRate) : '-',
      spinRate ? (ourRate / spinRate).toFixed(3) : '-',
    ])
    if (typeof s !== 'string' && (s.distinct !== r.distinct || s.generated !== r.total)) {
      console.log(`WARNING: SPIN counted ${s.distinct}/${s.generated}, we counted ${r.distinct}/${r.total}`)
    }
  }
}
console.log(
  table(
    ['instance', 'model', 'distinct', 'generated', 'depth', 'wall s', 'cpu s', 'distinct/s', 'distinct/cpu-s', 'generated/cpu-s', 'bytes/state', 'peak RSS MiB', 'SPIN', 'SPIN distinct/cpu-s', 'ratio'],
    rows,
    new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14]),
  ),
)

if (spinOnly) process.exit(0)

console.log('\nThe same model three ways (same state graph, same checker): plain data with its state schema')
console.log('(the bundled model), plain data without the schema (generic fingerprint), and Immutable.js:\n')
const imm: string[][] = []
for (const n of quick ? [6] : [6, 7]) {
  const plain = ours('specs/two-phase-commit.ts', [`rms=${n}`])
  const generic = ours('bench/models/two-phase-commit-no-schema.ts', [`rms=${n}`])
  const im = ours('bench/models/two-phase-commit-immutable.ts', [`rms=${n}`])
  for (const r of [generic, im]) {
    if (r.distinct !== plain.distinct || r.total !== plain.total) console.log(`WARNING: ${r.spec} explored a different graph`)
  }
  imm.push([
    `2PC ${n} RMs`,
    int(plain.distinct),
    `${secs(plain.cpu_s)} (${int(plain.distinct / plain.cpu_s)}/s)`,
    `${secs(generic.cpu_s)} (${int(generic.distinct / generic.cpu_s)}/s)`,
    `${secs(im.cpu_s)} (${int(im.distinct / im.cpu_s)}/s)`,
    (im.cpu_s / generic.cpu_s).toFixed(2),
    `${int(plain.peak_rss_bytes / 1048576)} / ${int(generic.peak_rss_bytes / 1048576)} / ${int(im.peak_rss_bytes / 1048576)}`,
  ])
}
console.log(table(['instance', 'distinct', 'schema cpu s', 'no schema cpu s', 'Immutable cpu s', 'Immutable/no schema', 'peak RSS MiB'], imm, new Set([1, 5])))

console.log('\nThe fingerprint alone, 2PC with 6 RMs, best of 5 rounds: every reachable state hashed cold, and every')
console.log("successor of every reachable state hashed after its parent's parts were remembered, as the BFS does:\n")
const fb = fingerprintBench(6)
console.log(table(['form', 'states', 'ns/state (cold, no cache)', "ns/successor (parent's parts cached)"], fb.map((f) => [f.form, int(f.states), f.coldNs.toFixed(0), f.cachedNs.toFixed(0)]), new Set([1, 2, 3])))

if (withParallel) {
  if (existsSync(`${ROOT}bench/parallel.ts`)) {
    console.log('\nParallel scaling (bench/parallel.ts):\n')
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/parallel.ts', ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: 'inherit' })
    console.log('')
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/parallel.ts', '--packed', ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: 'inherit' })
  } else console.log('\n(no bench/parallel.ts: parallel scaling not measured)')
}

console.log('\nReliability (bench/reliability.ts):\n')
execFileSync(process.execPath, ['--import', 'tsx', 'bench/reliability.ts', ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: 'inherit' })

console.log('\nPartial-order reduction potential (bench/por-communication.ts; docs/partial-order-reduction.md):\n')
execFileSync(process.execPath, ['--import', 'tsx', 'bench/por-communication.ts'], { cwd: ROOT, stdio: 'inherit' })
console.log('\nEager delivery of ignored messages, an upper bound of what it saves (bench/por-noop-bound.ts):\n')
const noop: string[][] = []
for (const file of ['specs/two-phase-commit-net.ts', 'specs/paxos-net.ts', 'specs/raft-two-terms.ts', ...(quick ? [] : ['specs/raft-two-entries.ts'])]) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/por-noop-bound.ts', file], { cwd: ROOT, encoding: 'utf8' })
  const r = JSON.parse(out.trim().split('\n').pop() as string) as { spec: string; full: { distinct: number }; eager: { distinct: number }; saved: number }
  noop.push([r.spec, int(r.full.distinct), int(r.eager.distinct), `${Math.round(r.saved * 100)}%`])
}
console.log(table(['spec', 'states', 'eager no-op deliveries (bound)', 'saved'], noop, new Set([1, 2, 3])))

console.log('\nPartial-order reduction by sleep sets, with and without (bench/sleep-sets.ts; median of alternated runs, by CPU):\n')
execFileSync(process.execPath, ['--import', 'tsx', 'bench/sleep-sets.ts', ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: 'inherit' })

console.log('\nThe message-passing models on one core, at sizes of several CPU-seconds (up to 1 M states, cut there),')
console.log('with and without symmetry where the model has it (bench/message-passing.ts; symmetry: one state per orbit')
console.log('of interchangeable nodes):\n')
console.log(messagePassingTable(quick))

console.log("\nA level's states as objects or encoded by the schema codec, the sequential BFS (bench/level-states.ts;")
console.log('check encodes once a tenth of the heap limit is in use; median of alternated runs, by CPU):\n')
/** [spec file, max states, params] */
const LEVELS: readonly (readonly [string, string, readonly string[]])[] = [
  ['specs/raft.ts', quick ? '200000' : '1000000', ['maxTerm=2', 'maxLog=2', 'crashes=0', '--symmetry']],
  ['specs/paxos-net.ts', quick ? '100000' : '500000', ['attempts=2', 'crashes=0']],
  ['specs/multi-paxos.ts', '1000000', ['instances=3']],
]
const lv: string[][] = []
for (const [file, max, params] of quick ? LEVELS.slice(0, 1) : LEVELS) {
  const level = (mode: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/level-states.ts', file, mode, max, ...params], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() as string) as { spec: string; distinct: number; cpu_s: number; peak_rss_mb: number }
  const runs = { objects: [] as ReturnType<typeof level>[], encoded: [] as ReturnType<typeof level>[] }
  for (let i = 0; i < RUNS; i++) for (const mode of ['objects', 'encoded'] as const) runs[mode].push(level(mode))
  const mid = (xs: ReturnType<typeof level>[]) => [...xs].sort((a, b) => a.cpu_s - b.cpu_s)[Math.floor(xs.length / 2)] as ReturnType<typeof level>
  const [o, e] = [mid(runs.objects), mid(runs.encoded)]
  lv.push([`${o.spec} ${params.join(' ')}`, int(o.distinct), secs(o.cpu_s), `${o.peak_rss_mb} MB`, secs(e.cpu_s), `${e.peak_rss_mb} MB`])
}
console.log(table(['spec', 'distinct', 'objects cpu s', 'objects peak RSS', 'encoded cpu s', 'encoded peak RSS'], lv, new Set([1, 2, 3, 4, 5])))

console.log('\nThe BFS over worker processes and NATS (bench/distributed.ts; docs/distributed.md): 1 process,')
console.log('4 threads in one process, 4 processes over a local nats-server, on the same models (plain, then packed) in this run:\n')
execFileSync(process.execPath, ['--import', 'tsx', 'bench/distributed.ts', '--rms', quick ? '6' : '8'], { cwd: ROOT, stdio: 'inherit' })
