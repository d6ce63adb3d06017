/**
 * Partial-order reduction by sleep sets (`--por`, src/explore/sleep-sets.ts) on the
 * message-passing models: each spec with and without it, alternated, in this run, on one core.
 * The reduction skips steps, never states: distinct and depth must be equal (checked here; the
 * run stops with an error if not), generated falls by the steps skipped; what it costs per
 * expanded state (the sleep sets, the footprints) is in the CPU seconds. Runs cut at a number of
 * states (`--max-states`) compare the same BFS levels, cut after the expansion that passes it.
 * Usage: node --import tsx bench/sleep-sets.ts [--quick]
 */
import { int, secs, table } from '../src/report/format.ts'
import { alternate, oneRun } from './one-run-child.ts'

const quick = process.argv.includes('--quick')
const ROUNDS = quick ? 1 : 3

/** [spec file, its arguments] */
const RUNS: readonly (readonly [string, readonly string[]])[] = [
  ['specs/two-phase-commit-net.ts', ['participants=3']],
  ['specs/three-phase-commit-skeen-early-precommit.ts', []],
  ['specs/primary-backup-split-brain-fenced-crash.ts', []],
  ['specs/eventual-consistency.ts', []],
  ['specs/paxos-net-retry.ts', []],
  ['specs/multi-paxos-three-acceptors.ts', []],
  ['specs/raft-two-terms.ts', []],
  ['specs/raft-symmetric.ts', []],
  ...(quick
    ? []
    : ([
        ['specs/paxos-net.ts', ['attempts=2', 'crashes=0', '--max-states', '1000000']],
        ['specs/paxos-net.ts', ['attempts=2', 'crashes=0', '--symmetry', '--max-states', '1000000']],
        ['specs/raft.ts', ['maxTerm=2', 'maxLog=2', 'crashes=0', '--symmetry', '--max-states', '1000000']],
      ] as const)),
]

const rows: string[][] = []
for (const [file, args] of RUNS) {
  const base = [...args, '--no-mutation-check']
  const r = alternate(ROUNDS, { full: () => oneRun(file, base), por: () => oneRun(file, [...base, '--por']) }, (x) => x.cpu_s)
  // (A run cut at max states stops after the expansion that passes it: the two may differ by a few.)
  const cut = args.includes('--max-states')
  if ((!cut && r.full.distinct !== r.por.distinct) || r.full.depth !== r.por.depth) {
    throw new Error(`${file} ${args.join(' ')}: --por found ${r.por.distinct} states at depth ${r.por.depth}, the full search ${r.full.distinct} at ${r.full.depth}`)
  }
  const name = `${r.full.spec}${args.length ? ` ${args.join(' ')}` : ''}`
  for (const [what, x] of [['full', r.full], ['--por', r.por]] as const) {
    rows.push([name, what, int(x.distinct), int(x.total), x.slept === undefined ? '' : int(x.slept), secs(x.cpu_s), int(x.distinct / x.cpu_s)])
  }
  rows.push([name, 'ratio', '', `${(r.por.total / r.full.total).toFixed(2)}x`, '', `${(r.por.cpu_s / r.full.cpu_s).toFixed(2)}x`, ''])
}
console.log(table(['spec', 'search', 'distinct', 'generated', 'skipped', 'cpu s', 'distinct/cpu s'], rows, new Set([2, 3, 4, 5, 6])))

// Issue #14's two targets: the whole configurations, with the reduction, on this machine's two
// cores (`--workers 2`), each in ≤ 60 s. One run each (a minute or two); not with --quick.
if (!quick) {
  const TARGETS: readonly (readonly [string, readonly string[]])[] = [
    ['specs/paxos-net.ts', ['attempts=2', 'crashes=0']],
    ['specs/raft.ts', ['maxTerm=2', 'maxLog=2', 'crashes=0']],
  ]
  const whole: string[][] = []
  for (const [file, args] of TARGETS) {
    const r = oneRun(file, [...args, '--symmetry', '--por', '--workers', '2'])
    if (!r.complete) throw new Error(`${file} ${args.join(' ')}: the search did not complete`)
    whole.push([`${r.spec} ${args.join(' ')} --symmetry`, int(r.distinct), int(r.total), int(r.slept ?? 0), secs(r.wall_s), secs(r.cpu_s), `${(r.peak_rss_bytes / 2 ** 30).toFixed(2)} GiB`, r.wall_s <= 60 ? 'met' : 'not met'])
  }
  console.log()
  console.log(table(['whole run, 2 workers, --por', 'distinct', 'generated', 'skipped', 'wall s', 'cpu s', 'peak RSS', '≤ 60 s'], whole, new Set([1, 2, 3, 4, 5])))
}
