/** Counterexamples for the CLI: the text rendering, and the trace files under `--out`. */
import { isAbsolute, relative, resolve } from 'node:path'
import { OutputError, errorMessage } from '../core/errors.ts'
import type { CheckResult, PropertyResult } from '../core/result.ts'
import type { LoadedSpec } from '../core/spec.ts'
import { renderTraceText } from '../trace/text.ts'
import { writeFilesAtomic } from '../trace/atomic-write.ts'
import { systemReason } from './error-line.ts'
import { stateSchemaOf } from '../trace/itf-schema.ts'
import type { RenderedFile, WriteOptions } from '../trace/write-trace-files.ts'
import { fileSafe, renderTraceFiles } from '../trace/write-trace-files.ts'

export function renderTrace(p: PropertyResult): string {
  return p.trace ? renderTraceText(p.trace).trimEnd() : ''
}

export interface RenderedTraces {
  readonly files: readonly RenderedFile[]
  /** Per property, its files (relative paths). */
  readonly byProperty: ReadonlyMap<string, readonly string[]>
}

/** A path as the user would type it: relative inside the working folder, absolute outside it. */
function shownPath(f: string): string {
  const rel = relative(process.cwd(), resolve(f))
  return rel.startsWith('..') || isAbsolute(rel) ? resolve(f) : rel
}

/** The trace files of a result, rendered in memory: nothing is written yet. `options` adds the
 * ITF's `mbt::` variables (`--mbt`) and what report.html says of the expectation. */
export function renderTraces(out: string, loaded: LoadedSpec, r: CheckResult, options: Pick<WriteOptions, 'mbt' | 'report'> = {}): RenderedTraces {
  const params = { ...(loaded.spec.params ?? {}), ...r.params }
  const files = renderTraceFiles(out, loaded.spec.name, params, r.model, r, {
    specPath: loaded.file,
    schema: stateSchemaOf(loaded.spec, params),
    ...options,
  })
  const byProperty = new Map<string, string[]>()
  for (const p of r.properties) {
    const prefix = `${fileSafe(p.name)}.`
    const mine = files.map((f) => f.path).filter((f) => f.split(/[\\/]/).pop()!.startsWith(prefix)).map(shownPath)
    if (mine.length > 0) byProperty.set(p.name, mine)
  }
  return { files, byProperty }
}

/**
 * Writes rendered files, all or none (`writeFilesAtomic`: a failed write leaves every target as
 * it was, a previous run's files included); a file-system error becomes an `OutputError` naming
 * the flag and the path (`--out /tmp/x: cannot write
 * /tmp/x/spec/report.html: not a directory`); the caller has the result already and reports it
 * first.
 */
export function writeRendered(files: readonly RenderedFile[], flag: string, flagValue: string): void {
  writeFilesAtomic(files, (path, e) => {
    throw new OutputError(`${flag} ${flagValue}: cannot write ${path}: ${systemReason(e) ?? errorMessage(e)}`)
  })
}
