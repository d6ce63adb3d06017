/**
 * Counterexamples for the CLI: rendering a trace as text and writing its files. Until the trace
 * writers land, the text shows each step's action and the top-level variables it changed.
 */
import type { LoadedSpec } from '../cli/load-spec.ts'
import { actionLabel } from '../core/action.ts'
import type { CheckResult, PropertyResult } from '../core/result.ts'
import { fingerprintHex } from '../state/fingerprint.ts'

export function renderTrace(p: PropertyResult): string {
  const steps = p.trace?.steps ?? []
  const lines: string[] = []
  let prev: Record<string, unknown> | undefined
  steps.forEach((s, i) => {
    const st = s.state as Record<string, unknown>
    const loop = p.trace?.loopStart === i ? '   <- loop starts here' : ''
    lines.push(`  ${String(i + 1).padStart(3)}. ${s.action ? actionLabel(s.action) : 'Init'}${loop}`)
    for (const k of Object.keys(st)) {
      if (prev && fingerprintHex(prev[k]) === fingerprintHex(st[k])) continue
      lines.push(`       ${k} = ${JSON.stringify(st[k])}`)
    }
    prev = st
  })
  if (p.trace?.loopStart !== undefined) lines.push(`  from step ${p.trace.loopStart + 1} the behaviour repeats forever`)
  return lines.join('\n')
}

export function writeTraces(_out: string, _loaded: LoadedSpec, _r: CheckResult): Map<string, readonly string[]> {
  return new Map()
}
