/**
 * Compares a check's result with what its spec expects. Counts and depth are compared only when
 * the spec ran with its default parameters and the search was not cut by a limit; verdicts always.
 * A spec without `violated` expects every checked property to hold (and every `sometimes` to be
 * witnessed); an invariant that held only vacuously (`Verdict` 'vacuous') does not meet it.
 */
import type { CheckOptions } from './options.ts'
import { changedParams, validateParams } from './params.ts'
import type { CheckResult } from './result.ts'
import type { AnySpec, Expectation } from './spec.ts'

export interface Mismatch {
  readonly what: string
  readonly expected: string
  readonly actual: string
  /** Why the run could not decide it, where its search does not check the property at all
   * (simulation and liveness): such a mismatch is undecided, like a verdict a stop left unknown,
   * not a failed expectation. */
  readonly undecided?: string
}

/** A mismatch in one line, as the summary, `--quiet` and the test helpers say it. */
export const mismatchText = (m: Mismatch): string => `${m.what}: expected ${m.expected}, got ${m.actual}`

export interface ExpectationReport {
  readonly ok: boolean
  readonly mismatches: readonly Mismatch[]
  /** True when the counts were compared (the spec pins some; default params, complete search). */
  readonly countsCompared: boolean
  /** Why they were not, when they were not. */
  readonly countsSkipped?: string
  /** Where the counts were compared but not the generated count (a DFS with a view or a depth
   * bound, `ComparisonScope.distinctOnly`): why. */
  readonly totalSkipped?: string
  /** The actions the complete search never took that the spec does not expect never taken (its
   * `neverTaken`): each a possible broken guard. Empty when the search could not tell. */
  readonly unexpectedlyNeverTaken?: readonly string[]
  /** The properties the spec expects violated that are (a reader's "as expected"). */
  readonly expectedViolations?: readonly string[]
}

/** Which of a spec's pins a run can be held to, and why not the others. */
export interface ComparisonScope {
  /** Distinct, generated and depth. */
  readonly counts: boolean
  /** DFS: the distinct and generated counts of a search that ran to the end are the BFS's (every
   * reachable state expanded once), its depth (a stack's) and early stops are not. */
  readonly wholeCountsOnly?: boolean
  /** DFS: why its generated count is not the BFS's where its distinct count is (a view: two states
   * with one view may have different numbers of steps to the same views, and which of them is
   * expanded depends on the order; `--max-depth`: a state reached again by a shorter path is
   * expanded again). */
  readonly distinctOnly?: string
  /** Counterexample lengths. */
  readonly lengths: boolean
  /** Properties were selected (`--property`): a pinned violation of one not checked is not
   * compared (a reproduce line names one property of a spec that pins several). */
  readonly selected?: boolean
  readonly why?: string
}

/**
 * The one rule for what a run is compared with (the CLI and `expectSpec` both use it). Pins
 * describe the spec as written, explored exhaustively by BFS (or the parallel BFS, which must equal
 * it). Other parameter values make another instance: neither counts nor lengths apply. A
 * `--param` that repeats the spec's own value changes nothing. Choosing properties, symmetry or
 * deadlock checking changes what is explored (counts) but not the shortest path to a violation.
 * DFS and simulation find other paths and other depths; a DFS that runs to the end expands every
 * reachable state once, as the BFS does, so its distinct and generated counts are compared.
 */
export function comparisonScope(spec: AnySpec, o: Partial<CheckOptions>): ComparisonScope {
  const strategy = o.strategy ?? 'bfs'
  if (strategy === 'dfs') {
    const bfs = comparisonScope(spec, { ...o, strategy: 'bfs' })
    if (!bfs.counts) return { ...bfs, lengths: false }
    const distinctOnly =
      spec.model.view !== undefined ? 'strategy dfs with a view' : o.maxDepth !== undefined && Number.isFinite(o.maxDepth) ? 'strategy dfs with a depth bound' : undefined
    return { ...bfs, lengths: false, wholeCountsOnly: true, ...(distinctOnly ? { distinctOnly } : {}) }
  }
  // Properties chosen: the run is held only to what the spec says of those (every scope below).
  const sel = (o.properties ?? []).length > 0 ? { selected: true } : {}
  if (strategy !== 'bfs') return { counts: false, lengths: false, ...sel, why: `strategy ${strategy}` }
  const changed = Object.entries(changedParams(spec, validateParams(spec, o.params ?? {})))
  if (changed.length > 0) {
    return { counts: false, lengths: false, ...sel, why: `parameters overridden (${changed.map(([k, v]) => `${k}=${String(v)}`).join(' ')})` }
  }
  if ((o.properties ?? []).length > 0) return { counts: false, lengths: true, ...sel, why: 'properties selected' }
  if (o.symmetry !== undefined && o.symmetry !== (spec.symmetry ?? false)) return { counts: false, lengths: true, why: 'symmetry overridden' }
  if (o.deadlock !== undefined && o.deadlock !== (spec.deadlock ?? false)) return { counts: false, lengths: true, why: 'deadlock checking overridden' }
  return { counts: true, lengths: true }
}

/** How a mismatch names each pinned count (`Mismatch.what`), by its key in the `expect` block;
 * a counterexample's length is `<property> counterexample length` (LENGTH_WHAT). */
export const COUNT_WHAT = { distinct: 'distinct states', total: 'generated states (total)', depth: 'depth', withinConstraint: 'distinct states within the constraint', depthWithinConstraint: 'depth within the constraint' } as const
export const LENGTH_WHAT = ' counterexample length'
/** How a mismatch names the actions a complete search never took (`expect.neverTaken`). */
export const NEVER_TAKEN_WHAT = 'actions never taken'

/** The spec's `expect` block against a run made with options `o`, held to what `comparisonScope`
 * says the run can be held to: the one comparison the CLI and `expectSpec` make. */
export function expectationReport(spec: AnySpec, result: CheckResult, o: Partial<CheckOptions>): ExpectationReport {
  const scope = comparisonScope(spec, o)
  return compareExpectation(spec.expect, result, {
    compareCounts: scope.counts,
    compareLengths: scope.lengths,
    wholeCountsOnly: scope.wholeCountsOnly,
    distinctOnly: scope.distinctOnly,
    selected: scope.selected,
    why: scope.why,
  })
}

/** A verdict in the words the summary table uses: a `sometimes` is witnessed or never reached
 * (its "holds" and "violated" read as the opposite of what happened to a new user). */
export const said = (kind: string, verdict: string): string =>
  kind !== 'sometimes' ? verdict : verdict === 'holds' ? 'witnessed' : verdict === 'violated' ? 'never reached' : verdict

export function compareExpectation(
  expect: Expectation | undefined,
  result: CheckResult,
  opts: { readonly compareCounts: boolean; readonly compareLengths?: boolean; readonly wholeCountsOnly?: boolean; readonly distinctOnly?: string; readonly selected?: boolean; readonly why?: string },
): ExpectationReport {
  const mismatches: Mismatch[] = []
  const violated = expect?.violated ?? {}
  for (const p of result.properties) {
    const wanted = violated[p.name]
    if (p.verdict === 'unknown') {
      if (wanted) mismatches.push({ what: `${p.name} verdict`, expected: said(p.kind, 'violated'), actual: p.verdict })
      continue
    }
    if (p.verdict === 'not-checked') {
      // The strategy does not check it: it cannot contradict what the spec expects.
      if (wanted) mismatches.push({ what: `${p.name} verdict`, expected: 'violated', actual: 'not checked', undecided: p.note ?? `strategy ${result.strategy} does not check it` })
      continue
    }
    if (wanted) {
      if (p.verdict !== 'violated') {
        mismatches.push({ what: `${p.name} verdict`, expected: said(p.kind, 'violated'), actual: said(p.kind, p.verdict) })
      } else if ((opts.compareLengths ?? true) && wanted.length !== undefined && p.trace && p.trace.steps.length !== wanted.length) {
        mismatches.push({
          what: `${p.name}${LENGTH_WHAT}`,
          expected: String(wanted.length),
          actual: String(p.trace.steps.length),
        })
      }
    } else if (p.verdict === 'violated') {
      mismatches.push({ what: `${p.name} verdict`, expected: said(p.kind, 'holds'), actual: said(p.kind, 'violated') })
    } else if (p.verdict === 'vacuous') {
      // The note says which situation was never reached ("its witness 'W' was never reached").
      mismatches.push({ what: `${p.name} verdict`, expected: 'holds', actual: `vacuous (${p.name} held vacuously${p.note ? `: ${p.note}` : ''})` })
    }
  }
  for (const name of Object.keys(violated)) {
    if (!opts.selected && !result.properties.some((p) => p.name === name)) {
      mismatches.push({ what: `${name} verdict`, expected: 'violated', actual: 'not checked' })
    }
  }
  // Counts are compared where the spec pins some: a spec without them has nothing to meet.
  const pinned = expect !== undefined && (expect.distinct !== undefined || expect.total !== undefined || expect.depth !== undefined || expect.withinConstraint !== undefined || expect.depthWithinConstraint !== undefined)
  const whole = opts.wholeCountsOnly === true
  const countsCompared = opts.compareCounts && result.complete && pinned && !(whole && result.decidedEarly)
  const never = expect?.neverTaken ?? []
  if (countsCompared && expect) {
    // Partial-order reduction skips steps, never states (each is found by the same first step,
    // so an early stop comes at the same one too): the distinct count and depth are the full
    // search's, the generated count is not.
    const reduced = result.stats.slept !== undefined
    const pairs: [string, number | undefined, number][] = [
      [COUNT_WHAT.distinct, expect.distinct, result.stats.distinct],
      [COUNT_WHAT.total, reduced || opts.distinctOnly !== undefined ? undefined : expect.total, result.stats.total],
      [COUNT_WHAT.depth, whole ? undefined : expect.depth, result.stats.depth],
    ]
    // (A search that counts no cut states, a DFS with a depth bound, is not held to it.)
    const cut = result.stats.cut
    if (cut !== undefined) pairs.push([COUNT_WHAT.withinConstraint, expect.withinConstraint, result.stats.distinct - cut])
    // A BFS's alone (a DFS's depth is a stack's).
    const within = result.stats.depthWithin
    if (within !== undefined && !whole) pairs.push([COUNT_WHAT.depthWithinConstraint, expect.depthWithinConstraint, within])
    for (const [what, want, got] of pairs) {
      if (want !== undefined && want !== got) mismatches.push({ what, expected: String(want), actual: String(got) })
    }
    // Which actions are never taken is a fact of the whole graph: not of a search that stopped
    // once every property was decided.
    if (expect.distinct !== undefined && !result.decidedEarly && !sameNames(never, result.neverFired)) {
      mismatches.push({ what: NEVER_TAKEN_WHAT, expected: namesOf(never), actual: namesOf(result.neverFired) })
    }
  }
  const countsSkipped = countsCompared
    ? undefined
    : !opts.compareCounts
      ? (opts.why ?? 'not asked')
      : !pinned
        ? 'none pinned'
        : whole && result.complete
          ? 'strategy dfs stopped once every property was decided'
          : 'search incomplete'
  // Only a complete search that ran to the end can say an action is never enabled.
  const unexpectedlyNeverTaken = result.complete && !result.decidedEarly ? result.neverFired.filter((a) => !never.includes(a)) : []
  const expectedViolations = result.properties.filter((p) => p.verdict === 'violated' && violated[p.name] !== undefined).map((p) => p.name)
  const totalSkipped = countsCompared ? opts.distinctOnly : undefined
  return { ok: mismatches.length === 0, mismatches, countsCompared, ...(countsSkipped ? { countsSkipped } : {}), ...(totalSkipped ? { totalSkipped } : {}), unexpectedlyNeverTaken, expectedViolations }
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x))
const namesOf = (names: readonly string[]): string => (names.length === 0 ? 'none' : [...names].sort().join(', '))
