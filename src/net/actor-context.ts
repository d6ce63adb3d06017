/**
 * A harness step's `Context` (actor-types.ts): what its local action or receive handler declared
 * in `reads`, read from the state, and a one-line error naming the action for anything else.
 */
import type { Network } from './network.ts'
import { anyInFlight, contains } from './network.ts'
import { isUp } from './faults.ts'
import type { Message } from './message.ts'
import { separates } from './partition.ts'
import type { Context, Reads } from './actor-types.ts'

/** Who reads, for the error: a local action (`reads`) or a role's receive handler (`receiveReads`). */
export type Reader = { readonly local: string } | { readonly receive: string }

const undeclared = (model: string, who: Reader, what: Reads): string => {
  const [name, key] = 'local' in who ? [`local action ${who.local}`, 'reads'] : [`the receive handler of role ${who.receive}`, 'receiveReads']
  return `actor model ${model}: ${name} reads ${what === 'detector' ? 'the failure detector' : what === 'inFlight' ? 'the network' : 'the whole state'} without declaring ${key}: ['${what}']`
}

/** A step's `Context`: what its local action (or receive handler) declared, and an error for the rest. */
export class StepContext<M extends Message> implements Context<M, unknown> {
  /** Whether `reads` names each escape (read per call, so looked up once here). */
  private readonly detector: boolean
  private readonly inFlightOk: boolean
  private readonly stateOk: boolean

  /** With a local action's `peer`: the peer of the step being taken (null while its parameters
   * are computed: no read is scoped then); undefined for a context that is not scoped. */
  peer: string | null | undefined

  constructor(
    private readonly model: string,
    private readonly who: Reader,
    reads: readonly Reads[],
    private s: { readonly net: Network<M> } | null,
    private node: string,
    scoped = false,
  ) {
    this.peer = scoped ? null : undefined
    this.detector = reads.includes('detector')
    this.inFlightOk = reads.includes('inFlight')
    this.stateOk = reads.includes('state')
  }

  /** This context, for node `node` in state `s`: one per local action or receive handler, set
   * before each of its steps, not built per step (valid during that step's calls only). */
  at(s: { readonly net: Network<M> }, node: string): this {
    this.s = s
    this.node = node
    return this
  }

  private need(what: Reads): { readonly net: Network<M> } {
    const ok = what === 'detector' ? this.detector : what === 'inFlight' ? this.inFlightOk : this.stateOk
    if (!ok || this.s === null) throw new Error(undeclared(this.model, this.who, what))
    return this.s
  }

  reachable(peer: string): boolean {
    const net = this.need('detector').net
    if (this.peer !== undefined && peer !== this.peer) throw new Error(this.outside(`asks the failure detector about ${peer}`))
    return isUp(net, peer) && !separates(net.partition, this.node, peer)
  }

  inFlight(m: M): boolean {
    const net = this.need('inFlight').net
    if (this.peer !== undefined && !this.onLink(m)) throw new Error(this.outside(`asks about a message from ${m.from} to ${m.to}`))
    return contains(net, m)
  }

  anyInFlight(test: (m: M) => boolean): boolean {
    const net = this.need('inFlight').net
    if (this.peer === undefined) return anyInFlight(net, test)
    if (this.peer === null) throw new Error(this.outside('reads the network while its parameters are computed'))
    return anyInFlight(net, (m) => this.onLink(m) && test(m))
  }

  /** A message on the link between this node and its peer, either way. */
  private onLink(m: M): boolean {
    return (m.from === this.node && m.to === this.peer) || (m.from === this.peer && m.to === this.node)
  }

  private outside(what: string): string {
    const name = 'local' in this.who ? this.who.local : this.who.receive
    return `actor model ${this.model}: local action ${name}, scoped by peer to ${String(this.peer)}, ${what}: its reads must stay on the link between ${this.node} and its peer`
  }

  get state(): unknown {
    return this.need('state')
  }
}
