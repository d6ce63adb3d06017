/**
 * The state schema (`src/state/schema.ts`) of a `Network` value, for models that declare one: a
 * model with a schema gets a compiled fingerprint (and a compact codec between workers), and its
 * `net` field is described here once, not per model.
 */
import { schema } from '../state/schema.ts'
import type { Schema } from '../core/schema.ts'
import type { FaultBudget } from './faults.ts'
import type { Semantics } from './network.ts'
import { fifoLinks } from './network.ts'

/**
 * The schema of a network of `semantics` carrying messages of schema `message` (usually a
 * `schema.union('type', ...)` whose variants include `from` and `to`) between `nodes`, with fault
 * counts bounded by `budget` (a spent count never exceeds its budget). For `fifo`, the queues are
 * a list per directed link `from→to` between `nodes`, every link present (`network('fifo',
 * nodes)` builds them all, idle ones as empty lists), in `fifoLinks` order: lists, not bags, so
 * that a queue keeps its order.
 */
export function networkSchema(semantics: Semantics, message: Schema, nodes: readonly string[], budget: FaultBudget): Schema {
  const node = schema.enum(...nodes)
  const env = {
    // A bag of bags: stored, hashed and written as lists, but sorted again when a symmetry
    // renames the nodes, as \`canonicalGroups\` keeps a partition (kept in order, one partition
    // was several values, and orbits were split: 4 for 3 with three peers).
    partition: schema.nullable(schema.bagOf(schema.bagOf(node))),
    down: schema.setOf(node),
    spent: schema.record({
      drop: schema.int(0, budget.drop ?? 0),
      duplicate: schema.int(0, budget.duplicate ?? 0),
      partition: schema.int(0, budget.partition ?? 0),
      crash: schema.int(0, budget.crash ?? 0),
    }),
  }
  switch (semantics) {
    case 'set':
      return schema.record({ semantics: schema.enum('set'), sent: schema.setOf(message), ...env })
    case 'bag':
      return schema.record({ semantics: schema.enum('bag'), inFlight: schema.bagOf(message), ...env })
    case 'fifo':
      return schema.record({ semantics: schema.enum('fifo'), queues: schema.mapOf(fifoLinks(nodes), schema.list(message)), ...env })
  }
}
