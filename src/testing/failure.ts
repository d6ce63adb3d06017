/**
 * The message of a failed assertion: what was expected, what the check found, each relevant
 * counterexample rendered as the CLI prints it, and the one line that reproduces the run.
 */
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult, PropertyResult } from '../core/result.ts'
import { statesText } from '../core/result.ts'
import { depthLabel, int } from '../report/format.ts'
import { reproduceLine, verdictWord } from '../report/summary.ts'
import { shellWord } from '../core/shell-word.ts'
import { renderTraceText } from '../trace/text.ts'

/** Thrown by every helper; carries the result so a test can inspect it further. */
export class SpecAssertionError extends Error {
  override readonly name = 'SpecAssertionError'
  constructor(
    message: string,
    readonly result?: CheckResult,
  ) {
    super(message)
  }
}

/** `npm run check -- specs/x.ts --param k=v [--property P] [flags]` for the options given. */
export function reproduce(file: string, r: CheckResult, options: Partial<CheckOptions>, property?: string): string {
  const extra: string[] = []
  const flag = (name: string, v: unknown) => {
    if (v !== undefined) extra.push(`${name} ${String(v)}`)
  }
  if (options.strategy !== undefined && options.strategy !== 'bfs') flag('--strategy', options.strategy)
  flag('--workers', options.workers)
  // (Without its walks' number and length, the line ran 1,000 walks of 100 steps: another run.)
  if (options.strategy === 'simulate') {
    flag('--seed', options.seed)
    flag('--max-steps', options.maxSteps)
    flag('--traces', options.traces)
  }
  if (options.maxStates !== undefined && Number.isFinite(options.maxStates)) flag('--max-states', options.maxStates)
  if (options.maxDepth !== undefined && Number.isFinite(options.maxDepth)) flag('--max-depth', options.maxDepth)
  if (options.deadlock === true) extra.push('--deadlock')
  if (options.deadlock === false) extra.push('--no-deadlock')
  if (options.symmetry === true) extra.push('--symmetry')
  if (options.symmetry === false) extra.push('--no-symmetry')
  if (options.timeLimitSeconds !== undefined && Number.isFinite(options.timeLimitSeconds)) flag('--time-limit', options.timeLimitSeconds)
  if (options.por === true) extra.push('--por')
  if (options.debug === true) extra.push('--debug')
  flag('--memory', options.memoryMiB)
  // The properties the run checked, when it was told which: the reproduce line's own property
  // (the counterexample's) says it alone.
  if (property === undefined) for (const p of options.properties ?? []) extra.push(`--property ${shellWord(p)}`)
  return reproduceLine(file, r.params, property, extra)
}

/** One line per property: `  TCConsistent  always  VIOLATED (counterexample: 5 states)`. */
export function verdictLines(r: CheckResult): string[] {
  let w = 8
  for (const p of r.properties) w = Math.max(w, p.name.length)
  return r.properties.map((p) => {
    const len = p.trace && p.verdict === 'violated' ? ` (counterexample: ${statesText(p.trace.steps.length)}${p.trace.loopStart !== undefined ? ', lasso' : ''})` : ''
    const note = p.note && p.verdict !== 'holds' ? ` — ${p.note}` : ''
    return `  ${p.name.padEnd(w)}  ${p.kind.padEnd(16)}  ${verdictWord(p)}${len}${note}`
  })
}

export function statsLine(r: CheckResult): string {
  const s = r.stats
  // Worded as the CLI's summary words it ("simulation reached" was no reason a reader knew).
  const why = r.stopReason === 'interrupted' ? 'interrupted' : r.stopReason === 'simulation' ? 'a simulation proves nothing' : `${r.stopReason} reached`
  const status = r.complete ? (r.decidedEarly ? 'stopped early: every property decided' : 'complete') : `INCOMPLETE: ${why}`
  return `  ${int(s.distinct)} distinct states, ${int(s.total)} generated, ${depthLabel(r.strategy)} ${s.depth} — ${status}`
}

/** The counterexample of `p` as the CLI prints it, titled. */
export function traceBlock(p: PropertyResult): string {
  if (!p.trace) return ''
  const what = p.verdict === 'violated' ? (p.trace.loopStart !== undefined ? 'lasso counterexample' : 'counterexample') : 'witness'
  return renderTraceText(p.trace, { title: `${p.name} (${p.kind}): ${what} of ${statesText(p.trace.steps.length)}` })
}

export interface FailureParts {
  readonly headline: string
  readonly details?: readonly string[]
  /** Properties whose traces to print (each followed by its reproduce line). */
  readonly traces?: readonly PropertyResult[]
}

export function failure(r: CheckResult, file: string, options: Partial<CheckOptions>, parts: FailureParts): SpecAssertionError {
  const out = [parts.headline, ...(parts.details ?? []), ...verdictLines(r), statsLine(r)]
  const traced = (parts.traces ?? []).filter((p) => p.trace)
  for (const p of traced) {
    out.push('', traceBlock(p).trimEnd(), `reproduce: ${reproduce(file, r, options, p.name)}`)
  }
  if (traced.length === 0) out.push('', `reproduce: ${reproduce(file, r, options)}`)
  return new SpecAssertionError(out.join('\n'), r)
}
