/**
 * A packed layout derived from a state schema (`state/schema.ts`), so that a model's shape is
 * declared once: the plain model's `schema(config)` gives the packed model its words. What packs:
 * a top-level record whose fields are scalars (`enum`, `int`, `bool`), maps of one scalar schema
 * over keys (`mapOf`), and sets (`setOf`) over a finite universe — every value the element schema
 * allows (enums, ints, bools, nullables, and records and unions of those), at most
 * `MAX_UNIVERSE` of them, one bit each. Anything else (lists, bags, nested records, `any`) has no
 * packed form: `LayoutError` names the field.
 */
import type { Schema } from '../core/schema.ts'
import type { Value } from '../core/value.ts'
import { LayoutError, layout, packed } from './layout.ts'
import type { AnyField, Layout } from './layout.ts'

/** The largest set universe packed (bits per set). */
export const MAX_UNIVERSE = 4096

export function layoutFromSchema(schema: Schema): Layout<Record<string, AnyField>> {
  if (schema.kind !== 'record') throw new LayoutError(`state: a packed state is a record (the schema is ${schema.kind})`)
  const fields: Record<string, AnyField> = {}
  for (const [name, s] of Object.entries(schema.fields)) fields[name] = fieldOf(s, `state.${name}`)
  return layout(fields)
}

function fieldOf(s: Schema, path: string): AnyField {
  switch (s.kind) {
    case 'enum':
      return packed.enum(...s.values)
    case 'int':
      return packed.int(s.min, s.max)
    case 'bool':
      return packed.bool()
    case 'record': {
      const keys = Object.keys(s.fields)
      const value = s.fields[keys[0] as string]
      const same = value !== undefined && keys.every((k) => JSON.stringify(s.fields[k]) === JSON.stringify(value))
      if (same && value.kind === 'enum') return packed.mapOfEnum(keys, ...value.values)
      if (same && value.kind === 'int') return packed.mapOfInt(keys, value.min, value.max)
      if (same && value.kind === 'bool') return packed.mapOfBool(keys)
      throw new LayoutError(`${path}: only a map of one scalar (enum, int, bool) over its keys packs`)
    }
    case 'list':
      if (s.set === true) return packed.setOf(universe(s.of, `${path}[]`))
      throw new LayoutError(`${path}: a ${s.bag === true ? 'bag' : 'list'} has no packed form (only sets over a finite universe)`)
    case 'union':
    case 'nullable':
    case 'any':
      throw new LayoutError(`${path}: a ${s.kind} field has no packed form`)
  }
}

/** Every value of schema `s`, or a LayoutError when there are too many or infinitely many. */
function universe(s: Schema, path: string): Value[] {
  const out = values(s, path)
  if (out.length > MAX_UNIVERSE) throw new LayoutError(`${path}: ${out.length} possible elements, more than ${MAX_UNIVERSE} bits`)
  return out
}

function values(s: Schema, path: string): Value[] {
  switch (s.kind) {
    case 'enum':
      return [...s.values]
    case 'bool':
      return [false, true]
    case 'int': {
      if (s.max - s.min + 1 > MAX_UNIVERSE) throw new LayoutError(`${path}: int(${s.min}, ${s.max}) is too wide for a packed set`)
      return Array.from({ length: s.max - s.min + 1 }, (_, i) => s.min + i)
    }
    case 'nullable':
      return [null, ...values(s.of, path)]
    case 'record':
      return product(Object.entries(s.fields), {}, path)
    case 'union':
      return Object.entries(s.variants).flatMap(([tag, fields]) => product(Object.entries(fields), { [s.tag]: tag }, `${path}(${tag})`))
    case 'list':
    case 'any':
      throw new LayoutError(`${path}: a set of ${s.kind === 'any' ? 'any' : 'lists'} has no finite universe`)
  }
}

/** Every record with `prefix`'s fields, then one value per field of `fields`, in their order. */
function product(fields: readonly (readonly [string, Schema])[], prefix: Record<string, Value>, path: string): Value[] {
  let out: Record<string, Value>[] = [prefix]
  for (const [k, s] of fields) {
    const vs = values(s, `${path}.${k}`)
    out = out.flatMap((r) => vs.map((v) => ({ ...r, [k]: v })))
    if (out.length > MAX_UNIVERSE) throw new LayoutError(`${path}: more than ${MAX_UNIVERSE} possible elements`)
  }
  return out
}

/** Field `name` of a derived layout, checked to be of `kind` (`MapOf`, `Scalar`, `SetOf`): the
 * handle a packed model's actions use. */
export function fieldAs<F extends AnyField>(l: Layout<Record<string, AnyField>>, name: string, kind: abstract new (...args: never[]) => F): F {
  const f = l.fields[name]
  if (!(f instanceof kind)) throw new LayoutError(`state.${name}: not a ${kind.name} in the layout derived from the schema`)
  return f
}
