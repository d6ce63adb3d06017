/**
 * Which spec a trace file names, read as data: a trace may come from anyone, and loading a spec
 * runs its code. Its spec path is taken only when relative and under the working folder (no
 * absolute path, no `..`), its spec name only as a plain name (looked up in specs/): a "name"
 * that is a path would load whatever it names. `replay` and `expectTrace` both go by this.
 */
import { isAbsolute, normalize, sep } from 'node:path'
import type { TraceOrigin } from './itf.ts'

/** The recorded spec path, if it is one under the working folder. */
export function tracedSpecPath(origin: Partial<TraceOrigin>): string | undefined {
  const p = origin.specPath
  if (p === undefined || isAbsolute(p) || !/\.(ts|mts|js|mjs)$/.test(p)) return undefined
  const n = normalize(p)
  return n !== '..' && !n.startsWith(`..${sep}`) && !n.startsWith('../') ? p : undefined
}

/** The recorded spec name, if it is a plain name. */
export const tracedSpecName = (origin: Partial<TraceOrigin>): string | undefined =>
  origin.spec !== undefined && /^\w[\w.-]*$/.test(origin.spec) ? origin.spec : undefined
