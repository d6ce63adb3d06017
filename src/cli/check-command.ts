/**
 * `npm run check -- [targets] [flags]`: checks specs, prints verdicts, writes counterexample trace
 * files, and returns the exit code. With no target, every spec in specs/ and a summary table.
 */
import { availableParallelism } from 'node:os'
import { writeFileSync } from 'node:fs'
import type { CheckOptions } from '../core/options.ts'
import { compareExpectation } from '../core/expect.ts'
import type { ExpectationReport } from '../core/expect.ts'
import type { CheckResult } from '../core/result.ts'
import { UsageError, errorMessage } from '../core/errors.ts'
import { check } from '../explore/check.ts'
import { minimizeTrace } from '../explore/minimize.ts'
import { progressReporter } from '../report/progress.ts'
import { specTable } from '../report/spec-table.ts'
import { summary } from '../report/summary.ts'
import { resultJson } from '../report/json.ts'
import { toDot } from '../export/dot.ts'
import { renderTrace, writeTraces } from '../report/traces.ts'
import { parseCheckArgs, usage } from './args.ts'
import { EXIT } from './exit-codes.ts'
import type { LoadedSpec } from './load-spec.ts'
import { loadAllSpecs, loadTarget } from './load-spec.ts'
import { workerBundles } from '../parallel/worker-bundle.ts'

interface Outcome {
  readonly loaded: LoadedSpec
  readonly result: CheckResult
  readonly report: ExpectationReport
}

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseCheckArgs(argv)
  if (args.help) {
    process.stdout.write(`${usage()}\n`)
    return EXIT.ok
  }
  const specs: LoadedSpec[] = []
  if (args.targets.length === 0) specs.push(...(await loadAllSpecs()))
  else for (const t of args.targets) specs.push(...(await loadTarget(t)))
  if (specs.length === 0) throw new UsageError('no specs found in specs/')
  if (args.dot) return writeDot(specs, args.dot, args.options)

  const ac = new AbortController()
  const onSigint = () => {
    if (ac.signal.aborted) process.exit(130)
    ac.abort()
  }
  process.on('SIGINT', onSigint)
  const single = specs.length === 1
  // Several specs on worker threads: one bundle of worker code for all of them.
  if (!single && (args.options.workers ?? defaultWorkers()) > 1) await workerBundles(specs.map((s) => s.url))
  const outcomes: Outcome[] = []
  let errors = 0
  try {
    for (const loaded of specs) {
      const progress = single && !args.quiet && !args.json ? progressReporter() : undefined
      const options: Partial<CheckOptions> = {
        ...args.options,
        workers: args.options.workers ?? defaultWorkers(),
        specUrl: loaded.url,
        signal: ac.signal,
        onProgress: progress?.onProgress,
      }
      let result: CheckResult
      try {
        result = shrink(loaded, await check(loaded.spec, options), args.options)
      } catch (e) {
        progress?.done()
        if (single) throw e
        errors++
        process.stderr.write(`${loaded.file}: error: ${errorMessage(e)}\n`)
        continue
      } finally {
        progress?.done()
      }
      const report = compareExpectation(loaded.spec.expect, result, {
        compareCounts: countsComparable(args.options),
        compareLengths: (args.options.strategy ?? 'bfs') === 'bfs',
      })
      outcomes.push({ loaded, result, report })
      const files = writeTraces(args.out, loaded, result)
      if (args.json) continue
      if (single && args.quiet) {
        process.stdout.write(`${quietLine(result, report)}\n`)
      } else if (single) {
        process.stdout.write(`${summary(result, report, { file: loaded.file, renderTrace: renderTrace, traceFiles: files, extraFlags: strategyFlags(args.options) })}\n`)
      } else if (!args.quiet) {
        const bad = !report.ok ? ' — EXPECTATION NOT MET' : result.complete ? '' : ' — incomplete'
        process.stderr.write(`checked ${loaded.spec.name} in ${result.stats.seconds.toFixed(2)} s${bad}\n`)
      }
      if (!single && !report.ok) {
        for (const m of report.mismatches) process.stdout.write(`${loaded.spec.name}: EXPECTATION NOT MET: ${m.what}: expected ${m.expected}, got ${m.actual}\n`)
      }
    }
  } finally {
    process.off('SIGINT', onSigint)
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(outcomes.map((o) => resultJson(o.loaded.file, o.result, o.report)), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`)
  } else if (!single) {
    process.stdout.write(`${specTable(outcomes)}\n`)
    const met = outcomes.filter((o) => o.report.ok).length
    process.stdout.write(`${met} of ${specs.length} specs as expected${errors ? `, ${errors} failed with an error` : ''}\n`)
  }
  if (errors > 0) return EXIT.error
  if (outcomes.some((o) => !o.report.ok)) return EXIT.mismatch
  if (outcomes.some((o) => !o.result.complete)) return EXIT.incomplete
  return EXIT.ok
}

/**
 * DFS and simulation find long counterexamples; shrink each (1-minimal, by re-executing shorter
 * action sequences) before it is printed and written. BFS traces are shortest already, and lassos
 * are left as found.
 */
function shrink(loaded: LoadedSpec, r: CheckResult, o: Partial<CheckOptions>): CheckResult {
  if ((o.strategy ?? 'bfs') === 'bfs') return r
  const properties = r.properties.map((p) => {
    if (p.verdict !== 'violated' || !p.trace || p.trace.loopStart !== undefined || p.kind === 'sometimes') return p
    const m = minimizeTrace(loaded.spec, p.trace, p.name, { params: r.params })
    if (m.trace.steps.length >= p.trace.steps.length) return p
    const note = `shrunk from ${p.trace.steps.length} to ${m.trace.steps.length} states (${m.tests} candidates re-executed)`
    return { ...p, trace: m.trace, note: p.note ? `${p.note}; ${note}` : note }
  })
  return { ...r, properties }
}

/** The flags that reproduce a run of another explorer than the default BFS. */
function strategyFlags(o: Partial<CheckOptions>): string[] {
  const strategy = o.strategy ?? 'bfs'
  if (strategy === 'bfs') return []
  const flags = ['--strategy', strategy]
  if (strategy === 'simulate') flags.push('--seed', String(o.seed ?? 1), ...(o.maxSteps ? ['--max-steps', String(o.maxSteps)] : []), ...(o.traces ? ['--traces', String(o.traces)] : []))
  if (o.maxDepth) flags.push('--max-depth', String(o.maxDepth))
  return flags
}

/** `--quiet`: one line per spec, the verdicts and whether they are what the spec expects. */
function quietLine(r: CheckResult, report: ExpectationReport): string {
  const verdicts = r.properties.map((p) => `${p.name} ${p.verdict}`).join(', ')
  const status = report.ok ? (r.complete ? 'as expected' : 'incomplete') : 'EXPECTATION NOT MET'
  return `${r.spec}: ${status} (${verdicts})`
}

/** Pinned counts describe the spec as written, explored exhaustively by BFS (or in parallel). */
function countsComparable(o: Partial<CheckOptions>): boolean {
  const overridden = Object.keys(o.params ?? {}).length > 0 || (o.properties ?? []).length > 0
  return !overridden && o.symmetry === undefined && o.deadlock === undefined && (o.strategy ?? 'bfs') === 'bfs'
}

/** The default worker count: the machine's cores (the parallel explorer falls back to one
 * thread where it is not available). */
function defaultWorkers(): number {
  return process.env.INTERLEAVE_WORKERS ? Number(process.env.INTERLEAVE_WORKERS) : availableParallelism()
}

async function writeDot(specs: readonly LoadedSpec[], file: string, options: Partial<CheckOptions>): Promise<number> {
  if (specs.length !== 1) throw new UsageError('--dot takes exactly one spec')
  const text = await toDot(specs[0]!.spec, options, { maxStates: options.maxStates ?? 2000 })
  writeFileSync(file, text)
  process.stdout.write(`wrote ${file}\n`)
  return EXIT.ok
}
