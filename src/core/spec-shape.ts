/**
 * The members a spec and its model must have, checked before anything runs. TypeScript checks
 * them where the spec is type-checked; a spec run through tsx (which strips types without
 * checking them) or written in JavaScript was not, and a missing `properties` or `next` surfaced
 * as "internal error: Cannot read properties of undefined" from deep inside the search.
 */
import { ModelError } from './errors.ts'

const PROPERTY_KINDS = ['always', 'sometimes', 'eventually', 'alwaysEventually', 'leadsTo']

/** Throws a one-line ModelError naming the first member of `spec` or its model that is missing
 * or of the wrong kind. */
export function checkSpecShape(spec: unknown): void {
  const s = spec as Record<string, unknown>
  const specName = typeof s.name === 'string' && s.name !== '' ? s.name : undefined
  if (specName === undefined) throw new ModelError('a spec has no name (defineSpec({ name, model, config, ... }))')
  const m = s.model as Record<string, unknown> | undefined
  if (typeof m !== 'object' || m === null) throw new ModelError(`spec ${specName}: its model is missing (defineSpec({ name, model, config, ... }))`)
  const where = typeof m.name === 'string' && m.name !== '' ? `model ${m.name}` : `spec ${specName}: its model`
  if (typeof m.name !== 'string' || m.name === '') throw new ModelError(`${where} has no name`)
  for (const f of ['init', 'next'] as const) {
    if (typeof m[f] !== 'function') throw new ModelError(`${where}: ${f} is ${describe(m[f])}, not a function`)
  }
  if (!Array.isArray(m.properties)) {
    throw new ModelError(`${where}: properties is ${describe(m.properties)}, not a list (properties: [always(...), sometimes(...), ...]; [] for none)`)
  }
  m.properties.forEach((p: unknown, i: number) => {
    const q = p as Record<string, unknown> | null
    if (typeof q !== 'object' || q === null || !PROPERTY_KINDS.includes(q.kind as string) || typeof q.name !== 'string') {
      throw new ModelError(`${where}: properties[${i}] is not a property (make it with always, sometimes, eventually, alwaysEventually or leadsTo)`)
    }
  })
  for (const f of ['schema', 'view', 'symmetry', 'symmetryFingerprint', 'validate'] as const) {
    if (m[f] !== undefined && typeof m[f] !== 'function') throw new ModelError(`${where}: ${f} is ${describe(m[f])}, not a function`)
  }
  if (s.constraint !== undefined && typeof s.constraint !== 'function') throw new ModelError(`spec ${specName}: constraint is ${describe(s.constraint)}, not a function`)
}

const describe = (v: unknown): string =>
  v === undefined ? 'missing' : v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`
