/** Counterexamples for the CLI: the text rendering, and the trace files under `--out`. */
import { relative } from 'node:path'
import type { LoadedSpec } from '../cli/load-spec.ts'
import type { CheckResult, PropertyResult } from '../core/result.ts'
import { renderTraceText } from '../trace/text.ts'
import { stateSchemaOf } from '../trace/itf-schema.ts'
import { fileSafe, writeTraceFiles } from '../trace/write-trace-files.ts'

export function renderTrace(p: PropertyResult): string {
  return p.trace ? renderTraceText(p.trace).trimEnd() : ''
}

/** Writes the trace files of a result; returns them per property (relative paths). */
export function writeTraces(out: string, loaded: LoadedSpec, r: CheckResult): Map<string, readonly string[]> {
  const params = { ...(loaded.spec.params ?? {}), ...r.params }
  const written = writeTraceFiles(out, loaded.spec.name, params, r.model, r, { specPath: loaded.file, schema: stateSchemaOf(loaded.spec, params) })
  const byProperty = new Map<string, string[]>()
  for (const p of r.properties) {
    const prefix = `${fileSafe(p.name)}.`
    const files = written.filter((f) => f.split(/[\\/]/).pop()!.startsWith(prefix)).map((f) => relative(process.cwd(), f))
    if (files.length > 0) byProperty.set(p.name, files)
  }
  return byProperty
}
