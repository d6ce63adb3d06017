/**
 * Quint's own ITF reader (`@informalsystems/quint`, a devDependency), for tests: `ofItf` turns each
 * state into Quint expressions and throws on what is not ITF (JSON null, a non-integer number);
 * `ofItfNormalized` also builds Quint's runtime values (sets and maps deduplicated and sorted).
 */
import { ofItf, ofItfNormalized, ofItfValue } from '@informalsystems/quint/dist/src/itf.js'

/** Does Quint read this ITF value? */
export function quintReads(value: unknown): boolean {
  let id = 0n
  try {
    ofItfValue(value as never, () => id++)
    return true
  } catch {
    return false
  }
}

/** Reads a whole trace as Quint does, both ways; throws what Quint throws. Returns the state count. */
export function quintReadTrace(itf: unknown): number {
  const trace = itf as Parameters<typeof ofItf>[0]
  const states = ofItf(trace)
  ofItfNormalized(trace)
  return states.length
}
