/**
 * Issue #14's per-state cost: every bundled message-passing model on one core, distinct states per
 * CPU-second, at a size where a run takes several CPU-seconds (up to 1,000,000 states, cut there
 * with --max-states), so that what is measured is the cost of a state rather than V8 compiling
 * the model on its own threads (a third or more of a run of 1 to 2 CPU-s: bench/thread-split.ts).
 * Each row is the median of `runs` runs, by CPU, each in its own process (`bench/one-run.ts`,
 * mutation check off). Symmetry where the model has it: both ways.
 *
 *   node --import tsx bench/message-passing.ts [--quick]
 *
 * `npm run bench` prints the same table.
 */
import { fileURLToPath } from 'node:url'
import { int, secs, table } from '../src/report/format.ts'
import { median, oneRun } from './one-run-child.ts'

const CAP = ['--max-states', '1000000']

/** [spec file, params, whether to also run it with the other symmetry setting] */
export const MESSAGE_PASSING: readonly (readonly [string, readonly string[], 'both' | 'as-spec'])[] = [
  ['specs/two-phase-commit-net.ts', ['participants=4'], 'as-spec'],
  ['specs/three-phase-commit-crash.ts', ['participants=5', ...CAP], 'as-spec'],
  ['specs/three-phase-commit-skeen-crash.ts', ['participants=5'], 'as-spec'],
  ['specs/primary-backup-sync.ts', ['backups=4', 'writes=4', 'crashes=1'], 'as-spec'],
  ['specs/cap-ap.ts', ['writes=8', 'partitions=4'], 'as-spec'],
  ['specs/eventual-consistency.ts', ['replicas=3', 'writes=2', 'drops=1', 'partitions=1'], 'as-spec'],
  ['specs/paxos-net.ts', ['attempts=2', 'crashes=0', ...CAP], 'both'],
  ['specs/multi-paxos.ts', ['instances=4', ...CAP], 'as-spec'],
  ['specs/raft.ts', ['maxTerm=2', 'maxLog=1', 'crashes=0'], 'both'],
  ['specs/paxos-register.ts', ['clients=3', ...CAP], 'as-spec'],
  ['specs/linearizable-register.ts', ['servers=3', 'clients=2', ...CAP], 'as-spec'],
  ['specs/chain-replication.ts', ['writes=4', 'reads=2', 'crashes=1', 'drops=1', ...CAP], 'as-spec'],
  ['specs/lamport-mutex.ts', ['maxClock=6'], 'as-spec'],
  ['specs/ricart-agrawala.ts', ['n=4', 'maxClock=4', ...CAP], 'as-spec'],
  ['specs/echo.ts', ['n=5', ...CAP], 'as-spec'],
  ['specs/chang-roberts.ts', ['n=7'], 'as-spec'],
]

/** The table's lines (the models in `quick` mode: the first two, one run each). */
export function messagePassingTable(quick: boolean): string {
  const runs = quick ? 1 : 3
  const rows: string[][] = []
  for (const [file, params, mode] of quick ? MESSAGE_PASSING.slice(0, 2) : MESSAGE_PASSING) {
    const settings: (string[] | null)[] = mode === 'both' ? [['--no-symmetry'], ['--symmetry']] : [null]
    for (const flag of settings) {
      const r = median(runs, () => oneRun(file, [...params, ...(flag ?? []), '--no-mutation-check', '--workers', '1']), (x) => x.cpu_s)
      rows.push([
        `${r.spec} ${params.join(' ')}`,
        flag === null ? 'as the spec says' : flag[0] === '--symmetry' ? 'on' : 'off',
        int(r.distinct),
        int(r.total),
        r.complete ? 'yes' : 'cut',
        secs(r.cpu_s),
        int(r.distinct / r.cpu_s),
      ])
    }
  }
  return [
    table(['spec', 'symmetry', 'distinct', 'generated', 'whole', 'cpu s', 'distinct/cpu s'], rows, new Set([2, 3, 5, 6])),
    "(Issue #14's target: 100 K distinct states per CPU-second on one core. cpu s: the check alone, every thread;",
    `median of ${runs} run${runs === 1 ? '' : 's'} each; whole: cut means the run stopped at --max-states.)`,
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`)
  console.log(messagePassingTable(process.argv.includes('--quick')))
}
