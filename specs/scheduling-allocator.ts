/**
 * SchedulingAllocator.tla with 3 clients and 2 resources, no symmetry: TypeInvariant,
 * ResourceMutex and AllocatorInvariant, and the module's three liveness theorems
 * (ClientsWillReturn, ClientsWillObtain, InfOftenSatisfied: one property per client, and per
 * client and resource) under its `Liveness` fairness. Counts equal TLC's on
 * SchedulingAllocator.cfg as listed in tlaplus/Examples' manifest (specifications/allocator):
 * 1,690 distinct / 5,854 generated / depth 7. The liveness properties are made per client and
 * resource (`Model.propertiesFor`), so `--param clients=2` checks two clients' worth of them.
 */
import { defineSpec, ids } from '../src/index.ts'
import { schedulingAllocator } from '../models/scheduling-allocator.ts'

export default defineSpec({
  name: 'scheduling-allocator',
  description: "Merz's SchedulingAllocator.tla, 3 clients, 2 resources, with its liveness under weak fairness",
  model: schedulingAllocator,
  params: { clients: 3, resources: 2 },
  config: (p) => ({ clients: ids('c', p.clients as number), resources: ids('r', p.resources as number) }),
  expect: { distinct: 1690, total: 5854, depth: 7, source: 'TLC on SchedulingAllocator.tla, Clients = {c1,c2,c3}, Resources = {r1,r2} (tlaplus/Examples manifest)' },
})
