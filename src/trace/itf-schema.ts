/**
 * The state schema a trace is written with: the model's `schema(config)` for the parameters that
 * produced the trace, or none. It only decides which arrays are written as ITF `#set`
 * (`itf-value.ts`), so a model without a schema, or one whose schema throws, still gets valid ITF
 * (with lists).
 */
import type { AnySpec, Params } from '../core/spec.ts'
import { resolveConfig } from '../core/spec.ts'
import type { Schema } from '../core/schema.ts'

export function stateSchemaOf(spec: AnySpec, params: Params = {}): Schema | undefined {
  if (!spec.model.schema) return undefined
  try {
    return spec.model.schema(resolveConfig(spec, params))
  } catch {
    // The check that produced the trace reports a bad configuration or schema; writing it is no place to.
    return undefined
  }
}
