/**
 * Binds the in-memory chain replication (`chain.ts`) to models/chain-replication.ts for
 * model-based testing: each model action becomes a call (`Deliver(Update(0, 1) s1→s2)` →
 * `sys.deliver('s1', 's2')`), and both sides are projected to the servers' histories, the client's
 * acknowledged writes and read results, the master's chain and the messages in flight per link.
 */
import type { Action, Config, Server, State } from '../../models/chain-replication.ts'
import chainCrash from '../../specs/chain-replication-crash.ts'
import { setOf } from '../../src/index.ts'
import type { Params, Value } from '../../src/index.ts'
import type { MbtTarget } from '../../src/mbt/index.ts'
import { targetFromSpec } from '../../src/mbt/index.ts'
import type { FifoNetwork } from '../../src/net/index.ts'
import type { ImplBugs } from './chain.ts'
import { ChainSystem } from './chain.ts'

function apply(sys: ChainSystem, a: Action): void {
  switch (a.name) {
    case 'Write':
      return sys.write()
    case 'Read':
      return sys.read()
    case 'Deliver':
      return sys.deliver(a.from as string, a.to as string)
    case 'Crash':
      return sys.crash(a.node as string)
    case 'Remove':
      return sys.remove(a.server as string)
    case 'Reconnect':
      return sys.server(a.node as string).reconnect(sys.chain)
    default:
      throw new Error(`no binding for ${a.name}`)
  }
}

function observeModel(c: Config, s: State): Value {
  const client = s.client[c.client]!
  const queues = (s.net as FifoNetwork<never>).queues
  return {
    hist: Object.fromEntries(c.servers.map((n) => [n, (s.servers[n] as Server).hist])),
    acked: client.acked,
    reads: client.reads.map((r) => ({ floor: r.floor, got: r.got })),
    chain: s.master[c.master]!.chain,
    // (The model keeps every link, idle ones empty; the implementation only links with messages.)
    inFlight: Object.fromEntries(Object.entries(queues).filter(([, q]) => q.length > 0)) as unknown as Value,
  }
}

function observeImpl(sys: ChainSystem): Value {
  return {
    hist: Object.fromEntries([...sys.servers].map(([n, x]) => [n, [...x.hist]])),
    acked: setOf(...sys.acked),
    reads: sys.reads.map((r) => ({ floor: r.floor, got: r.got })),
    chain: [...sys.chain],
    inFlight: Object.fromEntries([...sys.net.queues].map(([k, q]) => [k, q.map((m) => ({ ...m }))])) as Value,
  }
}

/** The target at specs/chain-replication-crash.ts's bounds (with `params` overriding them); the
 * binding is a function of the configuration the spec resolves (its servers and client). */
export function chainTarget(bugs: ImplBugs = {}, params: Params = {}): MbtTarget<Config, State, Action, ChainSystem> {
  return targetFromSpec<Config, State, Action, ChainSystem>(
    chainCrash,
    (c: Config) => ({
      create: () => new ChainSystem(c.servers, c.client, bugs),
      apply,
      observeModel: (s: State) => observeModel(c, s),
      observeImpl,
    }),
    params,
  )
}
