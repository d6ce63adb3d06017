/**
 * Writes a check's counterexamples: for every property with one (a violated invariant, a
 * deadlock, a liveness lasso; not the witnesses of `sometimes` properties),
 * `<outDir>/<spec>/<property>.itf.json`, `.txt` and `.html`, and the run report
 * `<outDir>/<spec>/report.html` (`reportPath`). The ITF is written with the model's state schema
 * when the caller passes it (`stateSchemaOf`), so declared sets are `#set`, and with Quint's
 * `mbt::` variables when asked (`mbt`); the text keeps every value whole. Every file is written
 * atomically (see `atomic-write.ts`) and the same result gives the same bytes (report.html: but
 * for the search time). Files of earlier runs for properties that no longer fail are
 * left alone; the report links only this run's.
 */
import { fileSafe } from '../core/file-safe.ts'
import { join } from 'node:path'
import { ModelError } from '../core/errors.ts'
import type { CheckResult, PropertyResult, Trace } from '../core/result.ts'
import { statesText } from '../core/result.ts'
import type { Params } from '../core/spec.ts'
import { writeFileAtomic } from './atomic-write.ts'
import { renderTraceHtml } from './html.ts'
import type { ItfOptions, TraceOrigin } from './itf.ts'
import { traceToItfJson } from './itf.ts'
import { ItfValueError } from './itf-value.ts'
import type { ReportContext, TraceLinks } from './report-html.ts'
import { renderReportHtml } from './report-html.ts'
import { renderTraceText } from './text.ts'

export interface WriteOptions extends ItfOptions {
  /** The spec file, recorded in the trace so `replay` finds it without `--spec`. */
  readonly specPath?: string
  /** What report.html says beyond the result: the spec's expectation, defaults and the run's
   * status (the effective parameters are `params`). */
  readonly report?: Omit<ReportContext, 'params'>
}

export { fileSafe } from '../core/file-safe.ts'

/** The run report of a spec, relative to the output folder (the index page links it). */
export const reportPath = (specName: string): string => `${fileSafe(specName)}/report.html`

/** The counterexamples of a result (violated, with a trace, not a `sometimes`). */
export const counterexamples = (result: CheckResult): (PropertyResult & { trace: Trace })[] =>
  result.properties.filter(
    (p): p is PropertyResult & { trace: Trace } => p.verdict === 'violated' && p.trace !== undefined && p.kind !== 'sometimes',
  )

/**
 * `params` should be the effective parameters (the spec's defaults with the `--param` overrides
 * applied: `{ ...spec.params, ...result.params }`), so a replay uses exactly the values that
 * produced the trace even if the spec's defaults change later.
 */
export function writeTraceFiles(
  outDir: string,
  specName: string,
  params: Params,
  modelName: string,
  result: CheckResult,
  options: WriteOptions = {},
): string[] {
  const files = renderTraceFiles(outDir, specName, params, modelName, result, options)
  for (const f of files) writeFileAtomic(f.path, f.content)
  return files.map((f) => f.path)
}

/** One file to write: its path under the output folder and its whole content. */
export interface RenderedFile {
  readonly path: string
  readonly content: string
}

/**
 * The files `writeTraceFiles` writes, rendered in memory and not yet written: a rendering error
 * (a state ITF cannot hold) leaves no file behind, and a caller can print the run's verdict before
 * it touches the file system, so a file-system error never hides the result.
 */
export function renderTraceFiles(
  outDir: string,
  specName: string,
  params: Params,
  modelName: string,
  result: CheckResult,
  options: WriteOptions = {},
): RenderedFile[] {
  const dir = join(outDir, fileSafe(specName))
  const out: RenderedFile[] = []
  const links = new Map<string, TraceLinks>()
  for (const p of counterexamples(result)) {
    const origin: TraceOrigin = {
      spec: specName,
      ...(options.specPath !== undefined ? { specPath: options.specPath } : {}),
      model: modelName,
      params,
      property: p.name,
      propertyKind: p.kind,
      verdict: p.verdict,
      ...(p.note !== undefined ? { note: p.note } : {}),
      ...(result.symmetry ? { symmetry: true } : {}),
    }
    const base = fileSafe(p.name)
    const title = `${p.name} violated in ${specName}`
    const files = { itf: `${base}.itf.json`, txt: `${base}.txt`, html: `${base}.html` }
    let itf: string
    try {
      itf = traceToItfJson(p.trace, origin, { schema: options.schema, mbt: options.mbt })
    } catch (e) {
      if (e instanceof ItfValueError) throw new ModelError(`model ${modelName}: the counterexample to ${p.name} cannot be written as ITF: ${e.message}`)
      throw e
    }
    out.push(
      { path: join(dir, files.itf), content: itf },
      // Files keep every value whole (the terminal may cut long ones; a file is for reading them).
      { path: join(dir, files.txt), content: renderTraceText(p.trace, { title: textTitle(origin, p.trace), maxValueLength: Number.POSITIVE_INFINITY }) },
      { path: join(dir, files.html), content: renderTraceHtml(p.trace, { title, details: htmlDetails(origin, p.trace), property: { name: p.name, kind: p.kind } }) },
    )
    links.set(p.name, files)
  }
  out.push({ path: join(outDir, reportPath(specName)), content: renderReportHtml(result, links, { ...options.report, params }) })
  return out
}

const paramText = (p: Params): string => Object.keys(p).sort().map((k) => `${k}=${p[k]}`).join(' ')

export function textTitle(o: Partial<TraceOrigin>, trace: Trace): string {
  const params = o.params && Object.keys(o.params).length ? ` (${paramText(o.params)})` : ''
  const shape = trace.loopStart !== undefined ? `a lasso of ${statesText(trace.steps.length)}` : statesText(trace.steps.length)
  return `Counterexample to ${o.property ?? '?'} (${o.propertyKind ?? '?'}) in ${o.spec ?? '?'}${params}: ${shape}`
}

export function htmlDetails(o: Partial<TraceOrigin>, trace: Trace): string[] {
  return [
    `spec ${o.spec ?? '?'}${o.specPath ? ` (${o.specPath})` : ''} · model ${o.model ?? '?'}${o.params && Object.keys(o.params).length ? ` · ${paramText(o.params)}` : ''}`,
    `${o.propertyKind ?? 'property'} ${o.property ?? '?'}: ${o.verdict ?? '?'} · ${statesText(trace.steps.length)}${trace.loopStart !== undefined ? `, loop from step ${trace.loopStart + 1}` : ''}${o.note ? ` · ${o.note}` : ''}`,
  ]
}
