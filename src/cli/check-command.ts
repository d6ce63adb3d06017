/**
 * `npm run check -- [targets] [flags]`: checks specs, prints verdicts, writes counterexample trace
 * files, and returns the exit code. With no target, every spec in specs/ and a summary table.
 *
 * A completed search is never lost: trace files are rendered in memory first, and a file that
 * cannot be written is reported (one line, exit 2) after the verdict. The first Ctrl-C (or
 * SIGTERM) stops the spec being checked, which reports what it found as interrupted, and skips
 * the rest; the second exits at once (130).
 */
import { watchedSetup } from '../explore/step-watchdog.ts'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { CheckOptions } from '../core/options.ts'
import { defaultOptions } from '../core/options.ts'
import { expectationReport, mismatchText } from '../core/expect.ts'
import type { ExpectationReport } from '../core/expect.ts'
import type { CheckResult, PropertyResult } from '../core/result.ts'
import { OutputError, UsageError } from '../core/errors.ts'
import { changedParams, checkParams } from '../core/params.ts'
import type { LoadedSpec, Params } from '../core/spec.ts'
import { checkMarked, prepareWorkers, withOptionNames } from '../check.ts'
import { progressReporter } from '../report/progress.ts'
import type { Row } from '../report/spec-table.ts'
import { specTable } from '../report/spec-table.ts'
import { reproduceLine, summary } from '../report/summary.ts'
import { shellWord } from '../core/shell-word.ts'
import { runJson, specJson } from '../report/json.ts'
import type { SpecStatus } from '../report/status.ts'
import { specStatus, statusText } from '../report/status.ts'
import { toDot } from '../export/dot.ts'
import type { RenderedTraces } from '../report/traces.ts'
import { renderTrace, renderTraces, writeRendered } from '../report/traces.ts'
import type { IndexRow } from '../report/run-index.ts'
import { indexRow, mergeIndexRows, readIndexRows, renderRunIndex } from '../report/run-index.ts'
import { fileSafe } from '../core/file-safe.ts'
import { reportPath } from '../trace/write-trace-files.ts'
import type { CheckArgs } from './args.ts'
import { DEFAULT_OUT, describeCliError, flagOf, parseCheckArgs, usage, workersOf } from './args.ts'
import type { DescribedError } from '../report/error-line.ts'
import { errorLine } from '../report/error-line.ts'
import { EXIT, hasNoVerdict } from './exit-codes.ts'
import type { LoadOutcome } from './load-spec.ts'
import { isLoaded, loadSpecsIn, loadTarget } from './load-spec.ts'
import { claimOut } from './out-lock.ts'
import { refuseClobber } from './no-clobber.ts'

/** One spec's outcome: a result (perhaps with an output error), or an error instead of one. */
export type Entry =
  | {
      readonly loaded: LoadedSpec
      readonly result: CheckResult
      readonly report: ExpectationReport
      readonly status: SpecStatus
      readonly traces: ReadonlyMap<string, readonly string[]>
      readonly outputError?: DescribedError
    }
  | {
      readonly file: string
      readonly name?: string
      readonly error: DescribedError
      /** A distributed run that lost a worker or its server: no verdict, exit 3, not 2. */
      readonly noVerdict?: true
    }

const hasResult = (e: Entry): e is Extract<Entry, { result: CheckResult }> => 'result' in e

export async function run(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json')
  try {
    return await runCheck(argv)
  } catch (e) {
    if (!json) throw e
    // `--json`: the error is a JSON document on stdout too, and the usual line on stderr.
    const d = describeCliError(e)
    process.stderr.write(`${errorLine(d)}\n`)
    process.stdout.write(runJson({ exitCode: EXIT.error, specs: [], error: d }))
    return EXIT.error
  }
}

async function runCheck(argv: readonly string[]): Promise<number> {
  const parsed = parseCheckArgs(argv)
  if (parsed.help) {
    if (parsed.json) process.stdout.write(runJson({ exitCode: EXIT.ok, specs: [], usage: usage() }))
    else process.stdout.write(`${usage()}\n`)
    return EXIT.ok
  }
  // The worker count, read once before any spec loads: a bad INTERLEAVE_WORKERS is one usage
  // error, not an ERROR row per spec.
  const args: CheckArgs = { ...parsed, options: { ...parsed.options, workers: defaultWorkers(parsed.options) } }
  const loadedTargets: LoadOutcome[] = []
  if (args.targets.length === 0) loadedTargets.push(...(await loadSpecsIn()))
  else for (const t of args.targets) for (const o of await loadTarget(t)) loadedTargets.push(o)
  const targets = uniqueNames(loadedTargets)
  if (targets.length === 0) throw new UsageError('no specs found in specs/')
  const single = targets.length === 1
  // One spec that does not load: main's one-line error (with --json, its object below).
  if (single && !args.json && !isLoaded(targets[0])) throw (targets[0] as { error: Error }).error
  if (args.dot && args.json) throw new UsageError('--dot writes a graph, not a result: it does not combine with --json')
  if (args.dot) return writeDot(targets, args.dot, args.options)
  const cp = args.options.checkpoint
  if (cp !== undefined && existsSync(cp) && !statSync(cp).isDirectory()) throw new UsageError(`--checkpoint ${cp}: not a folder`)

  const ac = new AbortController()
  const onStop = () => {
    if (ac.signal.aborted) process.exit(130)
    ac.abort()
  }
  process.on('SIGINT', onStop)
  process.on('SIGTERM', onStop)
  // A closed terminal: as SIGTERM (its default would kill this process alone, leaving the worker
  // processes of --processes, in process groups of their own, to their ping timeout).
  process.on('SIGHUP', onStop)
  const loadedSpecs = targets.filter(isLoaded)
  // Several specs on worker threads: one bundle of worker code for all of them.
  if (!single && loadedSpecs.length > 1 && (args.options.workers ?? 1) > 1) await prepareWorkers(loadedSpecs.map((s) => s.url))
  const entries: Entry[] = []
  const notRun: string[] = []
  const outLock = claimOut(args.out)
  if (outLock.warning) process.stderr.write(`${outLock.warning}\n`)
  try {
    for (const target of targets) {
      if (ac.signal.aborted) {
        notRun.push(target.file)
        continue
      }
      if (!isLoaded(target)) {
        const error = describeCliError(target.error)
        entries.push({ file: target.file, error })
        process.stderr.write(`${errorLine(error)}\n`)
        continue
      }
      const entry = await checkOne(target, args, ac.signal, single)
      entries.push(entry)
      // With --json the outcome is the document on stdout; error lines still go to stderr.
      if (!args.json) report(entry, args, single)
      else if (!hasResult(entry)) process.stderr.write(`${entry.file}: ${errorLine(entry.error)}\n`)
      else if (entry.outputError) process.stderr.write(`${errorLine(entry.outputError)}\n`)
    }
  } finally {
    process.off('SIGINT', onStop)
    process.off('SIGTERM', onStop)
    process.off('SIGHUP', onStop)
    outLock.release()
  }
  const interrupted = ac.signal.aborted
  // An index that cannot be written is reported unless a spec's files already failed (same cause).
  const failedBefore = entries.some((e) => hasResult(e) && e.outputError)
  const index = writeIndex(entries, notRun, args)
  const indexError = index && 'error' in index && !failedBefore ? index.error : undefined
  const code = indexError ? EXIT.error : exitCode(entries, interrupted)
  if (args.json) {
    process.stdout.write(runJson({ exitCode: code, specs: entries.map((e) => entryJson(e, args)), notRun, interrupted, ...(indexError ? { error: indexError } : {}) }))
  } else if (!single) {
    process.stdout.write(`${specTable(entries.map(row))}\n`)
    for (const f of notRun) process.stdout.write(`not run (interrupted): ${f}\n`)
    const met = entries.filter((e) => hasResult(e) && e.status === 'as-expected').length
    const errors = entries.filter((e) => !hasResult(e) || e.outputError).length
    const tail = [errors ? `${errors} failed with an error` : '', notRun.length ? `interrupted: ${notRun.length} not run` : '']
    process.stdout.write(`${met} of ${targets.length} specs as expected${tail.filter(Boolean).map((t) => `, ${t}`).join('')}\n`)
    if (index && 'path' in index) process.stdout.write(`reports: ${index.path}\n`)
  }
  if (indexError) process.stderr.write(`${errorLine(indexError)}\n`)
  return code
}

/** Checks one spec. A model or usage error of this spec becomes its entry (the others go on);
 * with a single spec it is thrown, for main's one-line message. */
async function checkOne(loaded: LoadedSpec, args: CheckArgs, signal: AbortSignal, single: boolean): Promise<Entry> {
  const progress = single && !args.quiet && !args.json ? progressReporter() : undefined
  const options: Partial<CheckOptions> = {
    ...args.options,
    specUrl: loaded.url,
    // The CLI shrinks DFS and simulation counterexamples before printing and writing them.
    shrink: true,
    signal,
    onProgress: progress?.onProgress,
  }
  let result: CheckResult
  try {
    // Parameters are validated before the search starts (types here; the model's range in prepare).
    checkParams(loaded.spec, args.options.params ?? {}, undefined, watchedSetup(options.stepTimeoutSeconds ?? defaultOptions.stepTimeoutSeconds, loaded.spec.name))
    // Warnings and notes name options by their flags, as the CLI's errors do.
    result = withOptionNames(await checkMarked(loaded.spec, options), flagOf)
  } catch (e) {
    progress?.done()
    if (single && !args.json) throw e
    return { file: loaded.file, name: loaded.spec.name, error: describeCliError(e), ...(hasNoVerdict(e) ? { noVerdict: true } : {}) }
  } finally {
    progress?.done()
  }
  const report = expectationReport(loaded.spec, result, args.options)
  const status = specStatus(result, report)
  let rendered: RenderedTraces | undefined
  let outputError: DescribedError | undefined
  try {
    rendered = renderTraces(args.out, loaded, result, {
      mbt: args.mbt,
      report: { defaults: loaded.spec.params ?? {}, expect: loaded.spec.expect ?? {}, comparison: report, status },
    })
    writeRendered(rendered.files, '--out', args.out)
  } catch (e) {
    outputError = describeCliError(e)
  }
  const traces = outputError || !rendered ? new Map<string, readonly string[]>() : rendered.byProperty
  return { loaded, result, report, status, traces, ...(outputError ? { outputError } : {}) }
}

/** Prints one spec's outcome as it completes (not with `--json`). */
function report(entry: Entry, args: CheckArgs, single: boolean): void {
  if (!hasResult(entry)) {
    process.stderr.write(`${entry.file}: ${errorLine(entry.error)}\n`)
    return
  }
  const { loaded, result, report: rep, status } = entry
  if (single && args.quiet) {
    process.stdout.write(`${quietLine(result, status, rep)}\n`)
  } else if (single) {
    process.stdout.write(`${summary(result, rep, { file: loaded.file, renderTrace, traceFiles: entry.traces, extraFlags: strategyFlags(args.options, result, args.out) })}\n`)
  } else if (!args.quiet) {
    const word = status === 'as-expected' ? '' : ` — ${statusText(status)}`
    process.stderr.write(`checked ${loaded.spec.name} in ${result.stats.seconds.toFixed(2)} s${word}\n`)
  }
  if (!single && status === 'not-met') {
    for (const m of rep.mismatches) process.stdout.write(`${loaded.spec.name}: EXPECTATION NOT MET: ${mismatchText(m)}\n`)
  }
  // After the verdict: the file that could not be written.
  if (entry.outputError) process.stderr.write(`${errorLine(entry.outputError)}\n`)
}

/**
 * `<out>/index.html` (see `report/run-index.ts`): a run over every spec writes it afresh, a run
 * over some specs updates their rows. Not written when no spec has a result (bad input leaves no
 * file). Returns its path, or the error when it cannot be written.
 */
function writeIndex(entries: readonly Entry[], notRun: readonly string[], args: CheckArgs): { path: string } | { error: DescribedError } | undefined {
  if (!entries.some(hasResult)) return undefined
  const rows: IndexRow[] = entries.map((e) =>
    hasResult(e)
      ? indexRow(e.loaded.spec.name, e.loaded.file, e.status, e.result, e.outputError ? undefined : reportPath(e.loaded.spec.name), e.outputError?.message)
      : { spec: e.name ?? e.file, file: e.file, status: 'error', error: e.error.message },
  )
  const path = join(args.out, 'index.html')
  // Read, merged and written under a short lock: two runs into one --out at once each read the
  // index before the other wrote it, and the later write dropped the earlier run's rows.
  return underIndexLock(path, () => {
    let earlier: IndexRow[] = []
    if (args.targets.length > 0 && existsSync(path)) {
      try {
        earlier = readIndexRows(readFileSync(path, 'utf8'))
      } catch {
        // Unreadable (a folder, no permission): the write below says why.
      }
    }
    try {
      writeRendered([{ path, content: renderRunIndex(mergeIndexRows(earlier, rows), notRun) }], '--out', args.out)
      return { path }
    } catch (e) {
      return { error: describeCliError(e) }
    }
  })
}

/** 2 for any error (an output error included), 3 when interrupted or a distributed run lost a
 * worker, 1 for a failed expectation, 3 when a limit left a spec undecided, else 0. */
export function exitCode(entries: readonly Entry[], interrupted: boolean): number {
  if (entries.some((e) => (!hasResult(e) && !e.noVerdict) || (hasResult(e) && e.outputError))) return EXIT.error
  if (interrupted || entries.some((e) => !hasResult(e))) return EXIT.incomplete
  const statuses = entries.filter(hasResult).map((e) => e.status)
  if (statuses.includes('not-met')) return EXIT.mismatch
  if (statuses.some((s) => s !== 'as-expected')) return EXIT.incomplete
  return EXIT.ok
}

function row(e: Entry): Row {
  if (!hasResult(e)) return { name: e.name ?? e.file, status: 'error', error: e.error.message }
  return { name: e.loaded.spec.name, status: e.status, result: e.result }
}

function entryJson(e: Entry, args: CheckArgs): Record<string, unknown> {
  if (!hasResult(e)) return specJson({ file: e.file, ...(e.name ? { spec: e.name } : {}), status: 'error', error: e.error })
  const { loaded, result } = e
  const params: Params = { ...(loaded.spec.params ?? {}), ...result.params }
  const overridden = changedParams(loaded.spec, result.params)
  const extra = strategyFlags(args.options, result, args.out)
  return specJson({
    file: loaded.file,
    spec: loaded.spec.name,
    status: e.status,
    ...(e.outputError ? { error: e.outputError } : {}),
    run: {
      result,
      report: e.report,
      params,
      overridden,
      traceFiles: e.traces,
      reproduce: reproduceLine(loaded.file, overridden, undefined, extra),
      reproduceProperty: (name) => reproduceLine(loaded.file, overridden, name, extra),
    },
  })
}

/** The flags that reproduce a run of another explorer than the default BFS (or of the BFS with
 * partial-order reduction). */
function strategyFlags(o: Partial<CheckOptions>, r: CheckResult, out: string): string[] {
  const strategy = o.strategy ?? 'bfs'
  // What changes the states explored, the verdicts or the counterexample, given on the command
  // line (a spec's own default needs no flag): symmetry (its counterexample may name other
  // nodes), deadlock checking, and where the trace files go.
  const given = [
    ...(o.symmetry === true ? ['--symmetry'] : o.symmetry === false ? ['--no-symmetry'] : []),
    ...(o.deadlock === true ? ['--deadlock'] : o.deadlock === false ? ['--no-deadlock'] : []),
    ...(out !== DEFAULT_OUT ? ['--out', shellWord(out)] : []),
  ]
  // With partial-order reduction a counterexample is as short, not always the same one.
  if (strategy === 'bfs') return [...(r.stats.slept === undefined ? [] : ['--por']), ...given]
  const flags = ['--strategy', strategy]
  if (strategy === 'simulate') flags.push('--seed', String(o.seed ?? 1), ...(o.maxSteps ? ['--max-steps', String(o.maxSteps)] : []), ...(o.traces ? ['--traces', String(o.traces)] : []))
  if (o.maxDepth) flags.push('--max-depth', String(o.maxDepth))
  return [...flags, ...given]
}

/** `--quiet`: one line per spec, the verdicts and whether they are what the spec expects. */
function quietLine(r: CheckResult, status: SpecStatus, report: ExpectationReport): string {
  // A `sometimes` reads as in the full summary: witnessed, or never reached.
  const word = (p: PropertyResult): string => (p.kind !== 'sometimes' ? p.verdict : p.verdict === 'holds' ? 'witnessed' : p.verdict === 'violated' ? 'never-reached' : p.verdict)
  const verdicts = r.properties.map((p) => `${p.name} ${word(p)}`).join(', ')
  // What differs, as the full summary says it: the verdicts alone do not show a wrong length or count.
  const differs = status === 'not-met' ? `: ${report.mismatches.map(mismatchText).join('; ')}` : ''
  // Met on its verdicts alone (parameters overridden, a search cut short): said, as the summary
  // says it, or "as expected" read as the pinned counts met too.
  // (A spec that pins no counts has none to compare: nothing said.)
  const skipped = report.countsSkipped
  const verdictsOnly = status !== 'not-met' && report.ok && !report.countsCompared && skipped !== undefined && skipped !== 'none pinned' ? `; counts not compared: ${skipped}` : ''
  return `${r.spec}: ${statusText(status)} (${verdicts})${differs}${verdictsOnly}`
}

/** The default worker count: one thread, the sequential BFS (or `INTERLEAVE_WORKERS`). Two workers
 * on this project's two-core machine made six of the seven slowest bundled message-passing specs
 * 1.4-3x slower at up to 4x the CPU, and helped flat models with large state spaces (TwoPhase with
 * 8 RMs, about 2x): `node --import tsx bench/default-workers.ts`, figures in docs/performance.md.
 * TLC, SPIN and Stateright also search on one thread unless asked. */
function defaultWorkers(options: Partial<CheckOptions>): number {
  return workersOf(options, process.env.INTERLEAVE_WORKERS)
}

/** `--dot FILE`: the state graph of one small spec. The graph is built first; a file that cannot
 * be written is one line naming it. */
async function writeDot(targets: readonly LoadOutcome[], file: string, options: Partial<CheckOptions>): Promise<number> {
  const loaded = targets.filter(isLoaded)
  if (targets.length !== 1 || loaded.length !== 1) throw new UsageError('--dot takes exactly one spec')
  // toDot's own limit (500 states, as documented) unless --max-states raises it.
  const text = await toDot(loaded[0].spec, options, options.maxStates !== undefined ? { maxStates: options.maxStates } : {})
  if (existsSync(file) && statSync(file).isDirectory()) throw new OutputError(`--dot ${file}: is a folder (give a file name, e.g. ${file.replace(/\/$/, '')}/graph.dot)`)
  refuseClobber('--dot', file, [loaded[0].file], { ext: /\.(dot|gv)$/i, name: 'a .dot' })
  writeRendered([{ path: file, content: text }], '--dot', file)
  process.stdout.write(`wrote ${file}\n`)
  return EXIT.ok
}

/**
 * The targets, each spec once, and a second spec of one name refused: a spec's trace files and
 * report go in a folder of its name, so two of one name overwrote each other's (the run index
 * then linked both rows to one report). The same file named twice runs once.
 */
function uniqueNames(targets: readonly LoadOutcome[]): LoadOutcome[] {
  const byName = new Map<string, { readonly name: string; readonly file: string }>()
  const files = new Set<string>()
  const out: LoadOutcome[] = []
  for (const t of targets) {
    if (!isLoaded(t)) {
      out.push(t)
      continue
    }
    const file = resolve(t.file)
    if (files.has(file)) continue
    files.add(file)
    // By folder: names that differ only where a folder name cannot hold them ('a/b', 'a_b') share one.
    const folder = fileSafe(t.spec.name)
    const first = byName.get(folder)
    if (first !== undefined) {
      const same = first.name === t.spec.name
      out.push({
        file: t.file,
        error: new UsageError(
          same
            ? `${t.file}: spec name '${t.spec.name}' is also the name of the spec in ${first.file}; give each spec its own name (its trace files go in a folder of that name)`
            : `${t.file}: spec name '${t.spec.name}' and the spec '${first.name}' in ${first.file} both write their trace files to the folder ${folder}/; give each spec a name of its own there`,
        ),
      })
      continue
    }
    byName.set(folder, { name: t.spec.name, file: t.file })
    out.push(t)
  }
  return out
}

/**
 * Runs `fn` holding `<path>.lock` (created exclusively): other runs wait for it, 10 ms at a time,
 * up to 5 s; a lock older than 30 s is a killed run's and is taken over. Without the lock (a
 * folder that cannot hold it, or the wait over), `fn` runs anyway: the index is a convenience,
 * the runs' own reports are written either way.
 */
function underIndexLock<T>(path: string, fn: () => T): T {
  const lock = `${path}.lock`
  const pause = new Int32Array(new SharedArrayBuffer(4))
  let held = false
  for (let waited = 0; waited < 5000; waited += 10) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' })
      held = true
      break
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'EEXIST') break
      try {
        if (Date.now() - statSync(lock).mtimeMs > 30_000) rmSync(lock, { force: true })
      } catch {
        // (released meanwhile)
      }
      Atomics.wait(pause, 0, 0, 10)
    }
  }
  try {
    return fn()
  } finally {
    if (held) rmSync(lock, { force: true })
  }
}
