/**
 * The members a spec and its model must have, checked before anything runs. TypeScript checks
 * them where the spec is type-checked; a spec run through tsx (which strips types without
 * checking them) or written in JavaScript was not, and a missing `properties` or `next` surfaced
 * as "internal error: Cannot read properties of undefined" from deep inside the search.
 */
import { closest } from './edit-distance.ts'
import { ModelError, UsageError } from './errors.ts'
import type { Action } from './action.ts'
import type { Expectation, SpecDef } from './spec.ts'

const PROPERTY_KINDS = ['always', 'sometimes', 'eventually', 'alwaysEventually', 'leadsTo']

// The members of `SpecDef`, `Expectation` and an expected violation. Where types are not checked a
// misspelt one (`symetry: true`, `expect: { distinctStates: 4 }`) was ignored without a word: the
// run neither used the symmetry nor compared the count, and passed. (`kind` is defineSpec's tag.)
// The lists are the types' keys exactly: a member added to a type and not here fails to compile.
const SPEC_MEMBERS = ['name', 'description', 'model', 'params', 'config', 'check', 'deadlock', 'fairness', 'symmetry', 'constraint', 'expect'] as const satisfies readonly (keyof AnySpecDef)[]
const EXPECT_MEMBERS = ['distinct', 'total', 'depth', 'withinConstraint', 'depthWithinConstraint', 'violated', 'neverTaken', 'source'] as const satisfies readonly (keyof Expectation)[]
const VIOLATION_MEMBERS = ['length'] as const satisfies readonly (keyof ExpectedViolation)[]
type AnySpecDef = SpecDef<unknown, unknown, Action>
type ExpectedViolation = NonNullable<Expectation['violated']>[string]
/** `true` only when `L` names every key of `T`. */
type Covers<T, L extends readonly PropertyKey[]> = Exclude<keyof T, L[number]> extends never ? true : false
const covered: [Covers<AnySpecDef, typeof SPEC_MEMBERS>, Covers<Expectation, typeof EXPECT_MEMBERS>, Covers<ExpectedViolation, typeof VIOLATION_MEMBERS>] = [true, true, true]
void covered

/** Whether `p` is a property made by always, sometimes, eventually, alwaysEventually or leadsTo. */
export function isProperty(p: unknown): boolean {
  const q = p as Record<string, unknown> | null
  return typeof q === 'object' && q !== null && PROPERTY_KINDS.includes(q.kind as string) && typeof q.name === 'string'
}

/** Throws a one-line ModelError naming the first member of `spec` or its model that is missing
 * or of the wrong kind (a UsageError for a parameter's default, as for a bad `--param` value). */
export function checkSpecShape(spec: unknown): void {
  try {
    checkShape(spec)
  } catch (e) {
    // A member that cannot even be read (a getter or a proxy that throws) is the spec's error too.
    if (e instanceof ModelError || e instanceof UsageError) throw e
    throw new ModelError(`a spec's members cannot be read: ${e instanceof Error ? e.message : String(e)}`)
  }
}

function checkShape(spec: unknown): void {
  const s = spec as Record<string, unknown>
  const specName = typeof s.name === 'string' && s.name !== '' ? s.name : undefined
  if (specName === undefined) throw new ModelError('a spec has no name (defineSpec({ name, model, config, ... }))')
  refuseUnknown(s, [...SPEC_MEMBERS, 'kind'], SPEC_MEMBERS, `spec ${specName} has`)
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
    if (!isProperty(p)) throw new ModelError(`${where}: properties[${i}] is not a property (make it with always, sometimes, eventually, alwaysEventually or leadsTo)`)
  })
  for (const f of ['propertiesFor', 'schema', 'view', 'symmetry', 'symmetryFingerprint', 'validate'] as const) {
    if (m[f] !== undefined && typeof m[f] !== 'function') throw new ModelError(`${where}: ${f} is ${describe(m[f])}, not a function`)
  }
  // Without it the configuration is undefined, and the first model function to read it failed
  // ("model m's validate failed: Cannot read properties of undefined"), blaming the model.
  if (s.config === undefined) {
    throw new ModelError(`spec ${specName} has no config (defineSpec({ name, model, config, ... }): the configuration, or (params) => configuration; config: null for a model that takes none)`)
  }
  if (s.constraint !== undefined && typeof s.constraint !== 'function') throw new ModelError(`spec ${specName}: constraint is ${describe(s.constraint)}, not a function`)
  if (s.check !== undefined && (!Array.isArray(s.check) || !s.check.every((x) => typeof x === 'string'))) {
    throw new ModelError(`spec ${specName}: check is ${describe(s.check)}, not a list of property names (check: ['${typeof s.check === 'string' ? s.check : 'Name'}'])`)
  }
  if (s.params !== undefined) {
    if (!isRecord(s.params)) throw new ModelError(`spec ${specName}: params is ${describe(s.params)}, not an object of defaults ({ rms: 3 })`)
    for (const [k, v] of Object.entries(s.params)) {
      // A parameter's default fixes its type (--param parses by it): a number, a boolean or a string.
      // A bad default is a bad parameter, as a bad --param value is: a usage error.
      if (!(typeof v === 'boolean' || typeof v === 'string' || (typeof v === 'number' && !Number.isNaN(v)))) {
        throw new UsageError(`spec ${specName}: params.${k} is ${describe(v)} where a number, a boolean or a string is expected`)
      }
    }
  }
  if (s.expect !== undefined) {
    if (!isRecord(s.expect)) throw new ModelError(`spec ${specName}: expect is ${describe(s.expect)}, not an object ({ distinct, total, depth, violated })`)
    refuseUnknown(s.expect, EXPECT_MEMBERS, EXPECT_MEMBERS, `spec ${specName}: expect has`)
    const violated = s.expect.violated
    if (violated !== undefined && !isRecord(violated)) {
      throw new ModelError(`spec ${specName}: expect.violated is ${describe(violated)}, not an object of property names (violated: { Name: { length: 4 } })`)
    }
    for (const [name, v] of Object.entries(violated ?? {})) {
      if (!isRecord(v)) throw new ModelError(`spec ${specName}: expect.violated.${name} is ${describe(v)}, not an object ({ length: 4 }, or {} for any length)`)
      refuseUnknown(v, VIOLATION_MEMBERS, VIOLATION_MEMBERS, `spec ${specName}: expect.violated.${name} has`)
    }
    // Without a constraint no state is cut: the pin would repeat `distinct`, or contradict it.
    for (const k of ['withinConstraint', 'depthWithinConstraint'] as const) {
      if (s.expect[k] !== undefined && s.constraint === undefined) {
        throw new ModelError(`spec ${specName}: expect.${k} pins the states within the spec's constraint, and the spec has none (pin ${k === 'withinConstraint' ? 'distinct' : 'depth'} instead)`)
      }
    }
  }
}

/** A member of `record` outside `allowed` is a mistake in the spec: one line naming it, the
 * nearest known member, and the known ones (`shown`). */
function refuseUnknown(record: Record<string, unknown>, allowed: readonly string[], shown: readonly string[], who: string): void {
  const unknown = Object.keys(record).find((k) => !allowed.includes(k))
  if (unknown === undefined) return
  // (A prefix counts as near too: `distinctStates` for `distinct`, as the CLI's options do.)
  const low = unknown.toLowerCase()
  const prefixed = shown.filter((k) => low.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(low))
  const near = prefixed.length > 0 ? prefixed : closest(unknown, shown)
  throw new ModelError(`${who} no member '${unknown}'${near.length > 0 ? `; did you mean ${near.join(', or ')}?` : ''} (known: ${shown.join(', ')})`)
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const describe = (v: unknown): string =>
  v === undefined
    ? 'missing'
    : v === null
      ? 'null'
      : Array.isArray(v)
        ? 'a list'
        : typeof v === 'object'
          ? 'an object'
          : typeof v === 'string'
            ? `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`
            : typeof v === 'number'
              ? `the number ${String(v)}`
              : `a ${typeof v}`
