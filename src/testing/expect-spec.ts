/**
 * `expectSpec(spec, options)`: assertions over one check of a spec, for users' regression tests.
 * Each returns a promise that rejects with a `SpecAssertionError` whose message shows the verdicts,
 * the counterexample as the CLI prints it, and the line that reproduces it. The check runs once
 * per `expectSpec(...)` call, however many assertions use it.
 *
 *   await expectSpec(spec).toHold()
 *   await expectSpec(buggy).toViolate('TCConsistent', { maxLength: 8 })
 *   await expectSpec(spec, { params: { rms: 4 } }).toHaveStates({ distinct: 1568, total: 8258 })
 *   await expectSpec(spec).toMatchExpectation()
 */
import { existsSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { UsageError } from '../core/errors.ts'
import { COUNT_WHAT, LENGTH_WHAT, NEVER_TAKEN_WHAT, expectationReport, mismatchText } from '../core/expect.ts'
import type { Mismatch } from '../core/expect.ts'
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult, PropertyResult } from '../core/result.ts'
import type { AnySpec } from '../core/spec.ts'
import { isSpec } from '../core/spec.ts'
import { check, engineOf } from '../check.ts'
import { resolveOptions } from '../core/options.ts'
import { failure } from './failure.ts'

export interface ExpectSpecOptions extends Partial<CheckOptions> {
  /** The spec's file, for the reproduce line; default: the file of `specUrl`, else
   * `specs/<spec name>.ts` if it exists, else a placeholder asking for this option. */
  readonly file?: string
}

export interface StateCounts {
  readonly distinct?: number
  readonly total?: number
  readonly depth?: number
}

export interface SpecAssertions {
  /** The check's result (runs the check if no assertion has yet). */
  result(): Promise<CheckResult>
  /** Every checked property holds (every `sometimes` witnessed) and the search was complete. */
  toHold(): Promise<CheckResult>
  /** `property` is violated; with `maxLength` (or `length`), by a counterexample of at most (exactly)
   * that many states. Resolves to the property's result, trace included. */
  toViolate(property: string, opts?: { readonly maxLength?: number; readonly length?: number }): Promise<PropertyResult>
  /** The complete search found these counts (only the ones given are compared). */
  toHaveStates(counts: StateCounts): Promise<CheckResult>
  /** The result matches the spec's own `expect` block: verdicts, and what `comparisonScope` says
   * the run can be held to (lengths and counts with the spec's own parameters and BFS). A
   * spec without `violated` expects every property to hold. An incomplete search never matches.
   * Where no pinned count applies (other parameters, a strategy other than BFS, chosen
   * properties, a spec that pins none) only verdicts are compared, unless `requireCounts`: then
   * that is a failure saying why, for a test meant to catch a state space that shrinks. */
  toMatchExpectation(opts?: { readonly requireCounts?: boolean }): Promise<CheckResult>
}

export function expectSpec(spec: AnySpec, options: ExpectSpecOptions = {}): SpecAssertions {
  // A refusal (not a spec, an unknown option) is a rejection of each assertion, as the rest are:
  // thrown here, it escaped `await expect(expectSpec(...).toHold()).rejects` and crashed the test.
  try {
    return assertions(spec, options)
  } catch (e) {
    const refused = (): Promise<never> => Promise.reject(e)
    return { result: refused, toHold: refused, toViolate: refused, toHaveStates: refused, toMatchExpectation: refused }
  }
}

function assertions(spec: AnySpec, options: ExpectSpecOptions): SpecAssertions {
  // (A spec module's named export imported as its default is `undefined` here.)
  if (!isSpec(spec)) throw new UsageError(`expectSpec: expected a spec (defineSpec({...})), got ${spec === undefined ? 'undefined: is it its module\'s default export?' : typeof spec}`)
  const { file = specFileOf(spec, options.specUrl), ...rest } = options
  // Worker threads and processes re-import the spec by URL (functions do not cross threads): use
  // its file; without one, say how to give it, in the helper's terms.
  const engine = engineOf(resolveOptions(rest))
  const elsewhere = engine === 'parallel-bfs' || engine === 'distributed-bfs'
  const needsUrl = elsewhere && rest.specUrl === undefined && existsSync(file)
  const checkOptions: Partial<CheckOptions> = needsUrl ? { ...rest, specUrl: pathToFileURL(resolve(file)).href } : rest
  let pending: Promise<CheckResult> | undefined
  const noFile = elsewhere && checkOptions.specUrl === undefined
  const missing = options.file !== undefined ? `${options.file} is not there: pass the spec's path as { file }` : `pass { file: 'path/to/spec.ts' } (or specUrl)`
  const result = () =>
    (pending ??= noFile
      ? Promise.reject(new UsageError(`expectSpec(${spec.name}): the spec's module is needed, which worker threads import: ${missing}`))
      : check(spec, checkOptions))
  const fail = (r: CheckResult, parts: Parameters<typeof failure>[3]) => failure(r, file, checkOptions, parts)
  const who = `expectSpec(${spec.name})`

  return {
    result,

    // (Rest parameters only to refuse them: vitest strips types unchecked, and a property named
    // here was ignored, the run holding every property instead.)
    async toHold(...given: unknown[]) {
      if (given.length > 0) {
        const names = given.map((g) => (typeof g === 'string' ? `'${g}'` : String(g))).join(', ')
        throw new UsageError(`${who}.toHold() takes no arguments (given ${names}): it holds every checked property; to check some, pass { properties: [${names}] } to expectSpec`)
      }
      const r = await result()
      const bad = r.properties.filter((p) => p.verdict !== 'holds')
      if (!r.complete || bad.length > 0) {
        const details = [
          ...(r.complete ? [] : [`  the search stopped early (${r.stopReason}): it cannot show that anything holds`]),
          ...bad.map((p) => `  ${p.name} is ${p.verdict === 'violated' && p.kind === 'sometimes' ? 'never reached' : p.verdict}`),
        ]
        throw fail(r, { headline: `${who}.toHold(): not every property holds`, details, traces: bad })
      }
      return r
    },

    async toViolate(property, opts = {}) {
      const r = await result()
      const p = r.properties.find((q) => q.name === property)
      if (!p) {
        throw fail(r, {
          headline: `${who}.toViolate('${property}'): the check has no property ${property} (it checked: ${r.properties.map((q) => q.name).join(', ') || 'none'})`,
        })
      }
      if (p.verdict !== 'violated') {
        const why = p.verdict === 'holds' ? (r.complete ? 'it holds' : 'it held in every explored state') : `its verdict is ${p.verdict}`
        throw fail(r, { headline: `${who}.toViolate('${property}'): expected a violation, but ${why}`, traces: p.trace ? [p] : [] })
      }
      const n = p.trace?.steps.length
      if (opts.length !== undefined && n !== opts.length) {
        throw fail(r, { headline: `${who}.toViolate('${property}', { length: ${opts.length} }): the counterexample has ${n ?? 'no'} states`, traces: [p] })
      }
      if (opts.maxLength !== undefined && (n === undefined || n > opts.maxLength)) {
        throw fail(r, {
          headline: `${who}.toViolate('${property}', { maxLength: ${opts.maxLength} }): the counterexample has ${n ?? 'no'} states`,
          traces: [p],
        })
      }
      return p
    },

    async toHaveStates(counts) {
      refuseCounts(who, counts)
      const r = await result()
      const diffs = countDiffs(counts, r)
      if (!r.complete || diffs.length > 0) {
        throw fail(r, {
          headline: `${who}.toHaveStates(${JSON.stringify(counts)}): ${r.complete ? 'the counts differ' : `the search is incomplete (${r.stopReason})`}`,
          details: [
            ...diffs.map((d) => `  ${d}`),
            // The counts of a search that ended once every property was decided are those of
            // the states explored until then, not the state space's.
            ...(r.decidedEarly ? [EARLY_COUNTS] : []),
          ],
        })
      }
      return r
    },

    async toMatchExpectation(opts = {}) {
      const unknown = Object.keys(opts ?? {}).filter((k) => k !== 'requireCounts')
      if (unknown.length > 0) throw new UsageError(`${who}.toMatchExpectation(): unknown option ${unknown[0]} (requireCounts)`)
      const r = await result()
      const report = expectationReport(spec, r, checkOptions)
      // A pinned depth alone is not a state count: a state space that shrinks keeps its depth.
      const statesPinned = spec.expect?.distinct !== undefined || spec.expect?.total !== undefined
      const uncounted = opts?.requireCounts === true && r.complete && (!report.countsCompared || !statesPinned)
      if (!r.complete || !report.ok || uncounted) {
        const wanted = spec.expect?.violated ?? {}
        const unexpected = r.properties.filter((p) => p.verdict === 'violated' && !(p.name in wanted))
        const mislengthed = r.properties.filter((p) => p.name in wanted && report.mismatches.some((m) => m.what.startsWith(`${p.name} `)))
        throw fail(r, {
          headline: `${who}.toMatchExpectation(): ${r.complete && report.ok ? 'no pinned state count was compared' : "the result differs from the spec's expect block"}`,
          details: [
            ...(r.complete ? [] : [`  the search stopped early (${r.stopReason}): an incomplete search never matches`]),
            ...report.mismatches.map((m) => `  ${mismatchText(m)}`),
            // As in toHaveStates: a search that stopped once every property was decided (an only
            // invariant violated) compares the counts of what it explored, not a smaller state space.
            ...(r.decidedEarly && report.mismatches.some((m) => COUNT_KEYS.has(m.what)) ? [EARLY_COUNTS] : []),
            ...repinHint(file, report.mismatches, r.neverFired),
            ...(uncounted ? [`  state counts not compared (${report.countsCompared ? 'the spec pins its depth only' : (report.countsSkipped ?? 'not asked')}), and requireCounts was given: pin this run's counts with toHaveStates`] : []),
          ],
          traces: [...unexpected, ...mislengthed],
        })
      }
      return r
    },
  }
}

/** Why a count of a complete search can be far below the state space's. */
const EARLY_COUNTS = '  the search stopped early, once every property checked was decided: these are the counts of what it explored until then'

/** The keys of `expect` behind the count mismatches `compareExpectation` reports. */
const COUNT_KEYS: ReadonlyMap<string, string> = new Map(Object.entries(COUNT_WHAT).map(([key, what]) => [what, key]))

/** Where a changed pinned number (a count, the depth, a counterexample's length) is accepted: in
 * the spec's expect block, by hand. `vitest -u` rewrites the golden snapshots, never a spec, so a
 * reviewed change of the state space is not accepted by it (and test/golden compares the expect
 * block before its snapshot). The new counts are the ones this run compared, to copy; the actions
 * it never took go with them (`neverTaken` is compared beside the counts: a hint without it left
 * the test failing once the counts were copied). Taken from the result, not the mismatch's text,
 * whose list is joined with ', ' for reading. */
function repinHint(file: string, mismatches: readonly Mismatch[], neverFired: readonly string[]): string[] {
  const counts = mismatches.filter((m) => COUNT_KEYS.has(m.what)).map((m) => `${COUNT_KEYS.get(m.what) as string}: ${m.actual}`)
  if (mismatches.some((m) => m.what === NEVER_TAKEN_WHAT)) counts.push(`neverTaken: [${[...neverFired].sort().map((a) => `'${a}'`).join(', ')}]`)
  const lengths = mismatches.some((m) => m.what.endsWith(LENGTH_WHAT))
  if (counts.length === 0 && !lengths) return []
  const what = counts.length > 0 ? ` (${counts.join(', ')}${lengths ? ', and the lengths above' : ''})` : ' (the lengths above)'
  return [`  if the change is intended, pin the new values in the expect block of ${file}${what}` + '; `vitest -u` rewrites snapshots, not this block']
}

/** Where the spec lives, for the reproduce line: a guess must not send the user to a wrong file. */
function specFileOf(spec: AnySpec, specUrl: string | undefined): string {
  if (specUrl?.startsWith('file:')) return relative(process.cwd(), fileURLToPath(specUrl))
  const bundled = `specs/${spec.name}.ts`
  return existsSync(bundled) ? bundled : `<file of spec ${spec.name}: pass { file } to expectSpec>`
}

/** Counts to compare: at least one, each a whole number (a misspelled key compared nothing). */
function refuseCounts(who: string, counts: StateCounts): void {
  const given = Object.entries(counts ?? {})
  if (given.length === 0) throw new UsageError(`${who}.toHaveStates(): give at least one of distinct, total, depth`)
  for (const [k, v] of given) {
    if (k !== 'distinct' && k !== 'total' && k !== 'depth') throw new UsageError(`${who}.toHaveStates(): unknown count ${k} (distinct, total or depth)`)
    if (!Number.isSafeInteger(v) || (v as number) < 0) throw new UsageError(`${who}.toHaveStates(): ${k} must be a whole number, got ${JSON.stringify(v)}`)
  }
}

function countDiffs(counts: StateCounts, r: CheckResult): string[] {
  const out: string[] = []
  const pairs: [string, number | undefined, number][] = [
    ['distinct', counts.distinct, r.stats.distinct],
    ['total', counts.total, r.stats.total],
    ['depth', counts.depth, r.stats.depth],
  ]
  for (const [what, want, got] of pairs) if (want !== undefined && want !== got) out.push(`${what}: expected ${want}, got ${got}`)
  return out
}
