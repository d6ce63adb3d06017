/**
 * Is one worker the right default? Each spec is checked in its own process with 1 and with 2
 * worker threads (`bench/one-run.ts`, the median of `--runs` alternating runs by wall time), and
 * the table prints wall seconds, CPU seconds (all threads) and the 2-worker
 * speed-up. The specs are the bundled message-passing ones that take longest, and the flat
 * TwoPhase model with 8 RMs, where two workers were measured to help (docs/performance.md,
 * "Parallel"). Figures mean something only on an idle machine.
 *
 * Usage: node --import tsx bench/default-workers.ts [--runs N] [--workers N]
 */
import { int, secs, table } from '../src/report/format.ts'
import { alternate, oneRun } from './one-run-child.ts'

const arg = (name: string, d: number): number => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : d
}
const RUNS = arg('--runs', 1)
const MANY = arg('--workers', 2)

const SPECS: [string, ...string[]][] = [
  ['specs/raft-symmetric.ts'],
  ['specs/raft-two-entries.ts'],
  ['specs/paxos-net-retry.ts'],
  ['specs/multi-paxos-three-acceptors.ts'],
  ['specs/paxos-livelock.ts'],
  ['specs/three-phase-commit-skeen-early-precommit.ts'],
  ['specs/two-phase-commit-net-drops.ts'],
  ['specs/two-phase-commit.ts', 'rms=8'],
]

const rows: string[][] = []
for (const spec of SPECS) {
  const [file, ...params] = spec
  const { one, many } = alternate(RUNS, {
    one: () => oneRun(file, [...params, '--workers', '1']),
    many: () => oneRun(file, [...params, '--workers', String(MANY)]),
  })
  if (one.distinct !== many.distinct) throw new Error(`${spec.join(' ')}: ${one.distinct} states with 1 worker, ${many.distinct} with ${MANY}`)
  rows.push([spec.join(' ').replace('specs/', ''), int(one.distinct), secs(one.wall_s), secs(one.cpu_s), secs(many.wall_s), secs(many.cpu_s), `${(one.wall_s / many.wall_s).toFixed(2)}x`])
}
console.log(`1 worker against ${MANY}, median of ${RUNS} alternating run(s) by wall time, each in its own process`)
console.log(table(['spec', 'distinct', '1: wall s', '1: CPU s', `${MANY}: wall s`, `${MANY}: CPU s`, 'speed-up'], rows, new Set([1, 2, 3, 4, 5, 6])))
