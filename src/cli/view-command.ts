/**
 * `npm run view -- <trace.itf.json> [--out <file.html>]`: writes (or refreshes) the HTML viewer of
 * a stored trace, beside it by default, and prints its path. Needs no spec: the trace file holds
 * every state.
 */
import { UsageError } from '../core/errors.ts'
import { writeRendered } from '../report/traces.ts'
import { renderTraceHtml } from '../trace/html.ts'
import { htmlPathFor, readTraceFile } from '../trace/trace-file.ts'
import { htmlDetails } from '../trace/write-trace-files.ts'
import { givenOnce, refuseEmptyArgument } from './args.ts'
import { EXIT } from './exit-codes.ts'
import { refuseClobber } from './no-clobber.ts'

const USAGE = `usage: npm run view -- <trace.itf.json> [--out <file.html>]
  writes the trace's self-contained HTML viewer (default: beside the trace) and prints its path`

export async function run(args: readonly string[]): Promise<number> {
  const files: string[] = []
  let out: string | undefined
  const once = givenOnce()
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    if (a === '--out' || a.startsWith('--out=')) {
      once('--out')
      out = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      if (!out) throw new UsageError('--out needs a file path')
    } else if (a.startsWith('-')) throw new UsageError(`view: unknown flag ${a} (try --help)`)
    else {
      refuseEmptyArgument(a, 'view: an empty trace file name', 'a trace file (.itf.json)')
      files.push(a)
    }
  }
  if (files.length !== 1) throw new UsageError(`view: expected one trace file, got ${files.length} (try --help)`)
  const file = files[0] as string
  const stored = readTraceFile(file)
  // As replay refuses it: a page of no steps drew "step 1 of 0" and threw in the browser.
  if (stored.trace.steps.length === 0) throw new UsageError(`${file}: the trace has no states`)
  const o = stored.origin
  const title = o.property ? `${o.property} ${o.verdict ?? 'violated'} in ${o.spec ?? 'a trace'}` : `Trace ${file}`
  // A stored violation is marked as `check` marks it (a witness or a foreign trace is not).
  const violated = o.property && (o.verdict ?? 'violated') === 'violated' ? { property: { name: o.property, ...(o.propertyKind ? { kind: o.propertyKind } : {}) } } : {}
  const html = renderTraceHtml(stored.trace, { title, details: o.spec ? htmlDetails(o, stored.trace) : [file], ...violated })
  const target = out ?? htmlPathFor(file)
  if (out !== undefined) refuseClobber('--out', out, [file], { ext: /\.html?$/i, name: 'an .html' })
  writeRendered([{ path: target, content: html }], out !== undefined ? '--out' : 'view', out ?? file)
  process.stdout.write(`${target}\n`)
  return EXIT.ok
}
