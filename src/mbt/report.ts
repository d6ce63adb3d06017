/** A model-based testing result as text, and the assertion that throws it. */
import { formatValue } from '../trace/text.ts'
import type { MbtResult, RandomOptions } from './check-implementation.ts'
import { checkImplementation } from './check-implementation.ts'
import type { ExhaustiveOptions } from './exhaustive.ts'
import { exploreImplementation } from './exhaustive.ts'
import type { AnyTarget } from './target.ts'

export function formatMbtResult(r: MbtResult, modelName: string): string {
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`
  if (r.ok) return `implementation agrees with model ${modelName}: ${r.mode === 'random' ? count(r.runs, 'random behaviour', 'random behaviours') : count(r.runs, 'sequence', 'sequences')}, ${count(r.steps, 'step', 'steps')}`
  const lines: string[] = []
  // (Said only where shrinking made it shorter: "shrunk from 1 steps" read as nonsense.)
  const shrunk = r.mode === 'random' && r.originalLength !== undefined && r.originalLength > r.labels.length ? ` (shrunk from ${r.originalLength} steps in ${r.shrinks ?? 0} shrinks)` : ''
  const where = r.step === 0 ? 'in the initial state' : `after ${r.step} step${r.step === 1 ? '' : 's'}`
  lines.push(`implementation diverges from model ${modelName} ${where}${shrunk}:`)
  lines.push(`  0. (initial state${r.init > 0 ? ` #${r.init + 1}` : ''})`)
  r.labels.forEach((l, i) => lines.push(`  ${i + 1}. ${l}${i === r.labels.length - 1 ? '   ← here' : ''}`))
  if (r.error) lines.push(`  ${r.error}`)
  if (r.differences.length > 0) {
    lines.push('  model → implementation:')
    for (const d of r.differences) lines.push(`    ${d}`)
  } else if (r.expected !== undefined && r.actual !== undefined) {
    lines.push(`  model:          ${formatValue(r.expected, 300)}`, `  implementation: ${formatValue(r.actual, 300)}`)
  }
  if (r.nondeterministic) {
    const again = r.nondeterministic.replay
    const how = again.ok ? 'passed' : `failed ${again.step === 0 ? 'in the initial state' : `after ${count(again.step, 'step', 'steps')}`}${again.error ? ` (${again.error})` : again.actual !== undefined ? ` (implementation: ${formatValue(again.actual, 300)})` : ''}`
    lines.push(`not reproducible: the same sequence on a fresh implementation ${how}; the implementation is nondeterministic (randomness, time, threads) or create does not reset all of its state (a counter that survives between runs)`)
  }
  if (r.mode === 'random' && r.seed !== undefined) {
    lines.push(`reproduce: checkImplementation(target, { seed: ${r.seed}${r.path ? `, path: '${r.path}'` : ''}${r.maxSteps !== undefined ? `, maxSteps: ${r.maxSteps}` : ''} }), or replayActions(target, ${JSON.stringify(r.labels)}${r.init > 0 ? `, ${r.init}` : ''})`)
  } else {
    lines.push(`reproduce: replayActions(target, ${JSON.stringify(r.labels)}${r.init > 0 ? `, ${r.init}` : ''})`)
  }
  return lines.join('\n')
}

export class ImplementationDivergence extends Error {
  override readonly name = 'ImplementationDivergence'
  constructor(readonly result: Extract<MbtResult, { ok: false }>, modelName: string) {
    super(formatMbtResult(result, modelName))
  }
}

/** Random mode, throwing `ImplementationDivergence` (message: the shrunk sequence) on failure. */
export async function assertImplementation(target: AnyTarget, options: RandomOptions = {}): Promise<MbtResult> {
  const r = await checkImplementation(target, options)
  if (!r.ok) throw new ImplementationDivergence(r, target.model.name)
  return r
}

/** Exhaustive mode, throwing `ImplementationDivergence` on failure. */
export async function assertImplementationExhaustive(target: AnyTarget, options: ExhaustiveOptions): Promise<MbtResult> {
  const r = await exploreImplementation(target, options)
  if (!r.ok) throw new ImplementationDivergence(r, target.model.name)
  return r
}
