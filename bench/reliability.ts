/**
 * Reliability costs, measured: `npm run bench` prints this section (or run it alone:
 * `node --import tsx bench/reliability.ts [--quick]`).
 *
 * 1. Narrow levels: a 1,000,000-step chain (one state per BFS level, `test/fixtures/chain.ts`)
 *    with 1 and 2 workers. With 2, narrow levels are expanded on the coordinating thread
 *    (`src/parallel/parallel-frontier.ts`) instead of a thread round trip and a barrier per level.
 *
 * 2. Mutation detection (`src/explore/prepare.ts`: `next` must leave its input state unchanged,
 *    checked on the first 1,000 expanded states, then on one in 64) on and off, 2PC with 8 RMs
 *    and Raft (`specs/raft.ts`), single thread.
 *
 * Each figure is the median of alternating runs, each run in its own process (`one-run.ts`).
 * The machine these were measured on is shared: read CPU seconds beside wall seconds.
 */
import { int, secs, table } from '../src/report/format.ts'
import { alternate, oneRun } from './one-run-child.ts'

const quick = process.argv.includes('--quick')
const ROUNDS = quick ? 1 : 3

const steps = quick ? 200_000 : 1_000_000
console.log(`Narrow levels: a ${int(steps)}-step chain (one state per level), median of ${ROUNDS} alternating runs:\n`)
const narrow = alternate(ROUNDS, {
  '1 worker': () => oneRun('test/fixtures/chain.ts', [`max=${steps}`, '--workers', '1']),
  '2 workers': () => oneRun('test/fixtures/chain.ts', [`max=${steps}`, '--workers', '2']),
})
console.log(
  table(
    ['workers', 'distinct', 'depth', 'wall s', 'cpu s', 'distinct/s (wall)'],
    Object.entries(narrow).map(([k, r]) => [k, int(r.distinct), int(r.depth), secs(r.wall_s), secs(r.cpu_s), int(r.distinct / r.wall_s)]),
    new Set([1, 2, 3, 4, 5]),
  ),
)

console.log(`\nMutation detection on and off, single thread, median CPU seconds of ${ROUNDS} alternating runs:\n`)
const rows: string[][] = []
for (const [name, file, params] of [
  ['2PC, 8 RMs', 'specs/two-phase-commit.ts', quick ? ['rms=6'] : ['rms=8']],
  ['Raft', 'specs/raft.ts', []],
] as const) {
  const m = alternate(
    ROUNDS,
    {
      on: () => oneRun(file, [...params, '--workers', '1']),
      off: () => oneRun(file, [...params, '--workers', '1', '--no-mutation-check']),
    },
    (r) => r.cpu_s,
  )
  if (m.on.distinct !== m.off.distinct || m.on.total !== m.off.total) console.log(`WARNING: ${name}: counts differ`)
  rows.push([name, int(m.on.distinct), secs(m.off.cpu_s), secs(m.on.cpu_s), `${(((m.on.cpu_s - m.off.cpu_s) / m.off.cpu_s) * 100).toFixed(1)}%`])
}
console.log(table(['model', 'distinct', 'cpu s, check off', 'cpu s, check on', 'cost'], rows, new Set([1, 2, 3, 4])))
