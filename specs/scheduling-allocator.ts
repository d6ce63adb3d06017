/**
 * SchedulingAllocator.tla with 3 clients and 2 resources, no symmetry: TypeInvariant,
 * ResourceMutex and AllocatorInvariant, and the module's three liveness theorems
 * (ClientsWillReturn, ClientsWillObtain, InfOftenSatisfied: one property per client, and per
 * client and resource) under its `Liveness` fairness. Counts equal TLC's on
 * SchedulingAllocator.cfg as listed in tlaplus/Examples' manifest (specifications/allocator):
 * 1,690 distinct / 5,854 generated / depth 7. The model is built for these clients and
 * resources (its properties name them), so the spec takes no parameters.
 */
import { defineSpec, ids } from '../src/index.ts'
import { schedulingAllocator } from '../models/scheduling-allocator.ts'

const clients = ids('c', 3)
const resources = ids('r', 2)

export default defineSpec({
  name: 'scheduling-allocator',
  description: "Merz's SchedulingAllocator.tla, 3 clients, 2 resources, with its liveness under weak fairness",
  model: schedulingAllocator(clients, resources),
  config: { clients, resources },
  expect: { distinct: 1690, total: 5854, depth: 7, source: 'TLC on SchedulingAllocator.tla, Clients = {c1,c2,c3}, Resources = {r1,r2} (tlaplus/Examples manifest)' },
})
