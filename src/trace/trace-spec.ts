/**
 * Which spec a trace file names, read as data: a trace may come from anyone, and loading a spec
 * runs its code. Its spec path is taken only when relative and under the working folder (no
 * absolute or drive path, no `..`, no link out of it), its spec name only as a plain name
 * (looked up in specs/): a "name" that is a path would load whatever it names. `replay` and `expectTrace` both go by this.
 */
import { realpathSync } from 'node:fs'
import { isAbsolute, normalize, relative, sep } from 'node:path'
import type { TraceOrigin } from './itf.ts'

/** The recorded spec path, if it is one under the working folder. */
export function tracedSpecPath(origin: Partial<TraceOrigin>): string | undefined {
  const p = origin.specPath
  // (`C:x.ts` is relative to drive C's folder, not this one.)
  if (p === undefined || isAbsolute(p) || /^[A-Za-z]:/.test(p) || !/\.(ts|mts|js|mjs)$/.test(p)) return undefined
  const n = normalize(p)
  if (n === '..' || n.startsWith(`..${sep}`) || n.startsWith('../')) return undefined
  // A link under this folder that leads outside it is outside it.
  try {
    const rel = relative(realpathSync(process.cwd()), realpathSync(p))
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined
  } catch {
    // Not there (the caller says so).
  }
  return p
}

/** The recorded spec name, if it is a plain name. */
export const tracedSpecName = (origin: Partial<TraceOrigin>): string | undefined =>
  origin.spec !== undefined && /^\w[\w.-]*$/.test(origin.spec) ? origin.spec : undefined
