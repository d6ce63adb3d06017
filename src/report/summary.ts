/**
 * The result of one spec, as text: verdict per property, statistics, the expectation check, and
 * for each counterexample its trace and the one line that reproduces it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { mismatchText } from '../core/expect.ts'
import type { ExpectationReport } from '../core/expect.ts'
import type { CheckResult, PropertyResult } from '../core/result.ts'
import { statesText, visitedBytesPerState } from '../core/result.ts'
import type { Params } from '../core/spec.ts'
import { shellWord } from '../core/shell-word.ts'
import { counted, depthLabel, int, mib, rate, sci, secs } from './format.ts'
import { specStatus } from './status.ts'

export type TraceRenderer = (p: PropertyResult) => string

export function verdictWord(p: PropertyResult): string {
  switch (p.verdict) {
    case 'holds':
      return p.kind === 'sometimes' ? 'witnessed' : 'holds'
    case 'violated':
      return p.kind === 'sometimes' ? 'NEVER REACHED' : 'VIOLATED'
    case 'vacuous':
      return 'HELD VACUOUSLY'
    case 'unknown':
      return 'unknown (search incomplete)'
    case 'not-checked':
      return 'not checked'
  }
}

/** `npm run check -- specs/x.ts --param k=v --property P`: reproduces one verdict. */
export function reproduceLine(file: string, params: Params, property?: string, extra: readonly string[] = []): string {
  const ps = Object.entries(params).map(([k, v]) => `--param ${shellWord(`${k}=${String(v)}`)}`)
  // (A placeholder, `<file of spec x: …>`, is text for the reader, not a word to quote.)
  return [cliCommand('check'), /^<.*>$/.test(file) ? file : shellWord(file), ...ps, ...(property ? ['--property', shellWord(property)] : []), ...extra].join(' ')
}

/**
 * How to run a CLI command from here: `npm run check --` in the checker's own checkout (its npm
 * scripts), `npx interleave check` elsewhere. A project that installed the checker has no `check`
 * script ("npm error Missing script").
 */
export function cliCommand(command: string): string {
  if (inCheckout === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { name?: string; scripts?: Record<string, string> }
      inCheckout = pkg.name === 'interleave' && pkg.scripts !== undefined
    } catch {
      inCheckout = false
    }
  }
  return inCheckout ? `npm run ${command} --` : `npx interleave ${command}`
}
let inCheckout: boolean | undefined

export function summary(
  r: CheckResult,
  report: ExpectationReport,
  opts: {
    file: string
    renderTrace: TraceRenderer
    traceFiles: ReadonlyMap<string, readonly string[]>
    /** Flags beyond the spec and its parameters that reproduce the run (`--strategy dfs`). */
    extraFlags?: readonly string[]
  },
): string {
  const out: string[] = []
  const params = Object.entries(r.params).map(([k, v]) => `${k}=${String(v)}`).join(' ')
  // Worker processes (`--processes`) are named as such: their count is the result's `workers` too.
  const procs = r.stats.processes?.length
  const who = procs !== undefined ? `${procs} worker process${procs === 1 ? '' : 'es'}` : `${r.workers} worker${r.workers === 1 ? '' : 's'}`
  // Under symmetry the counts are orbits: said here, since nothing else in the summary shows it.
  const orbits = r.symmetry ? ', one state per symmetry orbit' : ''
  out.push(`${r.spec}${params ? ` (${params})` : ''}: model ${r.model}, ${r.strategy}${orbits}, ${who}`)
  let w = 8
  for (const p of r.properties) w = Math.max(w, p.name.length)
  for (const p of r.properties) {
    const len = p.trace && p.verdict === 'violated' ? ` (counterexample: ${statesText(p.trace.steps.length)}${p.trace.loopStart !== undefined ? ', lasso' : ''})` : ''
    // A `sometimes` no state satisfies, where the spec says so (the point of a fix's spec), is not
    // the "vacuous model?" the note would otherwise suggest.
    const expected = p.verdict === 'violated' && p.kind === 'sometimes' && report.expectedViolations?.includes(p.name)
    const note = expected ? ' — as the spec expects: no reachable state satisfies it' : p.note && p.verdict !== 'holds' ? ` — ${p.note}` : ''
    out.push(`  ${p.name.padEnd(w)}  ${p.kind.padEnd(16)}  ${verdictWord(p)}${len}${note}`)
  }
  const s = r.stats
  // A resumed run's rates are of the states it found itself, in its own time.
  const from = s.resumedFrom
  const why = r.stopReason === 'interrupted' ? 'interrupted' : r.stopReason === 'simulation' ? 'a simulation proves nothing' : `${r.stopReason} reached`
  const searched = r.complete ? (r.decidedEarly ? 'stopped: every property decided' : 'complete') : `INCOMPLETE: ${why}`
  out.push(
    `  ${int(s.distinct)} distinct states, ${int(s.total)} generated, ${depthLabel(r.strategy)} ${s.depth}, ${secs(s.seconds)} s (${rate(s.distinct - (from?.distinct ?? 0), s.seconds)} distinct/s, ${rate(s.total - (from?.total ?? 0), s.seconds)} generated/s) — ${searched}`,
  )
  // A resumed run's time is its own part; a stopped run's checkpoint is where the next one starts.
  if (from) out.push(`  resumed from the checkpoint in ${from.dir} (${int(from.distinct)} states): the time and rates are this run's part`)
  if (s.checkpoint && r.stopReason !== undefined) {
    out.push(`  checkpoint: ${s.checkpoint.dir} holds the search at depth ${s.checkpoint.depth} (${int(s.checkpoint.distinct)} states): resume it with --resume ${s.checkpoint.dir} and this run's parameters and flags`)
  }
  if (s.slept !== undefined) {
    out.push(
      s.slept === 0 && s.distinct > 1
        ? '  partial-order reduction: no step skipped (the footprint calls no two steps of a state independent)'
        : `  partial-order reduction: ${int(s.slept)} steps skipped (their states are reached by other paths; every state is visited)`,
    )
  }
  // TLC never stores a state its CONSTRAINT excludes; this checker keeps it, unexpanded: the count
  // within the constraint is the one to compare with TLC's (README, "A constraint counts differently").
  if (s.cut !== undefined) {
    const whole = r.complete && !r.decidedEarly
    const depth = s.depthWithin === undefined ? '' : ` at depth ${s.depthWithin}`
    out.push(`  constraint: ${int(s.cut)} of the distinct states ${s.cut === 1 ? 'fails' : 'fail'} it (kept and checked, not expanded); ${int(s.distinct - s.cut)} within it${depth}${whole ? `, TLC's counts for a CONSTRAINT` : ' (the search stopped: not a whole count)'}`)
  }
  // Bytes per state only where they mean something: a visited set starts at a fixed size (8 MiB
  // on worker threads), which a small run's states do not fill.
  const bytes = visitedBytesPerState(s)
  const perState = bytes === undefined ? '' : ` (${bytes.toFixed(1)} bytes/state)`
  out.push(`  visited set ${mib(s.visitedBytes)}${perState}; fingerprint collision probability ≈ ${sci(s.collisionProbability)}`)
  // The liveness graph is the larger part of a liveness run's memory (the visited set's is the
  // safety search's): shown, and counted by the memory budget (`--memory`) with the visited set.
  const live = r.liveness
  if (live) out.push(`  liveness graph ${counted(live.states, 'state')}, ${counted(live.edges, 'edge')} (steps to another state: a stuttering step is no edge), ${mib(live.graphBytes)} (--memory counts it with the visited set)`)
  // Those the spec does not expect never taken (its `expect.neverTaken`), from a complete search.
  const never = report.unexpectedlyNeverTaken ?? []
  if (never.length > 0) out.push(`  actions never taken: ${never.join(', ')} (a common sign of a broken model)`)
  for (const warning of r.warnings) out.push(`  warning: ${warning}`)
  const status = specStatus(r, report)
  if (report.ok) {
    const dfs = report.totalSkipped !== undefined ? `distinct count; not the generated count (${report.totalSkipped}) nor the depth, a stack's` : "distinct and generated counts; not the depth, a stack's"
    const counts = r.strategy === 'dfs' ? dfs : s.slept === undefined ? 'counts and depth' : 'distinct count and depth; not the generated count, under reduction'
    out.push(`  expectation: met${report.countsCompared ? ` (verdicts, ${counts})` : ` (verdicts; counts not compared: ${report.countsSkipped ?? 'search incomplete'})`}`)
  } else if (status !== 'not-met') {
    for (const m of report.mismatches) out.push(`  expectation undecided: ${m.what}: expected ${m.expected}, ${m.undecided !== undefined ? `not checked: ${m.undecided}` : 'the search stopped before deciding'}`)
  } else {
    for (const m of report.mismatches) out.push(`  EXPECTATION NOT MET: ${mismatchText(m)}`)
  }
  // A trace printed once is not printed again: the properties of a family (one per philosopher)
  // often fail by the same lasso, which read four times over hid the one that differed.
  const printed = new Map<string, string>()
  for (const p of r.properties) {
    if (p.verdict !== 'violated' || !p.trace) continue
    out.push('')
    const shape = p.trace.loopStart !== undefined ? 'lasso' : r.strategy === 'bfs' ? 'shortest counterexample' : 'counterexample'
    const what = `${p.name} ${p.kind === 'deadlock' ? 'deadlock' : 'violated'}: ${shape} of ${statesText(p.trace.steps.length)}`
    const trace = opts.renderTrace(p)
    const first = printed.get(trace)
    if (first === undefined) {
      printed.set(trace, p.name)
      out.push(what, trace)
    } else out.push(`${what}, the same as ${first}'s above`)
    const files = opts.traceFiles.get(p.name)
    if (files && files.length > 0) out.push(`trace files: ${files.join(', ')}`)
    out.push(`reproduce: ${reproduceLine(opts.file, r.params, p.name, opts.extraFlags)}`)
  }
  return out.join('\n')
}
