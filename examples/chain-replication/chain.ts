/**
 * An ordinary in-memory chain replication (van Renesse and Schneider, OSDI 2004), written as code
 * rather than as a model: mutable servers, a FIFO network of queues per link, a client and a
 * master. `mbt-target.ts` tests it against models/chain-replication.ts.
 *
 * `bugs.newTailForgetsAcks` plants an implementation bug: a server that becomes the tail (its
 * successor crashed and was removed) marks its pending updates as acknowledged without telling
 * the client, so those writes are never acknowledged.
 */

export type Message =
  | { from: string; to: string; type: 'Write'; v: number }
  | { from: string; to: string; type: 'Update'; seq: number; v: number }
  | { from: string; to: string; type: 'Ack'; n: number }
  | { from: string; to: string; type: 'WriteAck'; v: number }
  | { from: string; to: string; type: 'Read'; id: number }
  | { from: string; to: string; type: 'ReadReply'; id: number; hist: number[] }

export type ImplBugs = { readonly newTailForgetsAcks?: boolean }

/** Per-link FIFO queues; a crashed node receives nothing (its queue is dropped, and what is sent
 * to it afterwards is lost). */
export class Network {
  readonly queues = new Map<string, Message[]>()
  readonly down = new Set<string>()

  send(m: Message): void {
    if (this.down.has(m.to)) return
    const key = `${m.from}→${m.to}`
    const q = this.queues.get(key)
    if (q) q.push(m)
    else this.queues.set(key, [m])
  }

  /** Takes the oldest message on the link from→to. */
  take(from: string, to: string): Message {
    const key = `${from}→${to}`
    const q = this.queues.get(key)
    const m = q?.shift()
    if (!q || !m) throw new Error(`no message in flight on ${key}`)
    if (q.length === 0) this.queues.delete(key)
    return m
  }

  crash(n: string): void {
    this.down.add(n)
    for (const key of [...this.queues.keys()]) if (key.endsWith(`→${n}`)) this.queues.delete(key)
  }
}

export class Server {
  readonly hist: number[] = []
  /** The first `ackedTo` entries are known to be at the tail. */
  ackedTo = 0
  constructor(
    readonly id: string,
    public pred: string | null,
    public succ: string | null,
    private readonly sys: ChainSystem,
  ) {}

  receive(m: Message): void {
    switch (m.type) {
      case 'Write':
        return this.append(m.v)
      case 'Update':
        if (m.seq === this.hist.length) this.append(m.v)
        return
      case 'Ack':
        if (m.n <= this.ackedTo) return
        this.ackedTo = m.n
        if (this.pred !== null) this.sys.net.send({ from: this.id, to: this.pred, type: 'Ack', n: m.n })
        return
      case 'Read':
        return this.sys.net.send({ from: this.id, to: m.from, type: 'ReadReply', id: m.id, hist: [...this.hist] })
      default:
        return
    }
  }

  private append(v: number): void {
    const seq = this.hist.length
    this.hist.push(v)
    if (this.succ !== null) return this.sys.net.send({ from: this.id, to: this.succ, type: 'Update', seq, v })
    this.ackedTo = this.hist.length
    this.sys.net.send({ from: this.id, to: this.sys.clientId, type: 'WriteAck', v })
    if (this.pred !== null) this.sys.net.send({ from: this.id, to: this.pred, type: 'Ack', n: this.hist.length })
  }

  /** Adopts its neighbours in the master's chain: resends Sent to a new successor, or, as the new
   * tail, acknowledges it; tells a new predecessor what is known to be at the tail (the Acks
   * passed to the removed server were lost with it). */
  reconnect(chain: readonly string[]): void {
    const i = chain.indexOf(this.id)
    const pred = i > 0 ? chain[i - 1]! : null
    const succ = i < chain.length - 1 ? chain[i + 1]! : null
    const newSucc = succ !== this.succ
    const newPred = pred !== this.pred
    this.pred = pred
    this.succ = succ
    if (!newSucc) {
      if (newPred && pred !== null && this.ackedTo > 0) this.sys.net.send({ from: this.id, to: pred, type: 'Ack', n: this.ackedTo })
      return
    }
    const sent = this.hist.slice(this.ackedTo)
    if (succ !== null) {
      sent.forEach((v, k) => this.sys.net.send({ from: this.id, to: succ, type: 'Update', seq: this.ackedTo + k, v }))
      return
    }
    if (!this.sys.bugs.newTailForgetsAcks) for (const v of sent) this.sys.net.send({ from: this.id, to: this.sys.clientId, type: 'WriteAck', v })
    if (pred !== null && sent.length > 0) this.sys.net.send({ from: this.id, to: pred, type: 'Ack', n: this.hist.length })
    this.ackedTo = this.hist.length
  }
}

export class ChainSystem {
  readonly net = new Network()
  readonly servers = new Map<string, Server>()
  chain: string[]
  issued = 0
  readonly acked = new Set<number>()
  readonly reads: { floor: number[]; got: number[] | null }[] = []

  constructor(
    ids: readonly string[],
    readonly clientId: string,
    readonly bugs: ImplBugs = {},
  ) {
    this.chain = [...ids]
    ids.forEach((id, i) => this.servers.set(id, new Server(id, ids[i - 1] ?? null, ids[i + 1] ?? null, this)))
  }

  server(id: string): Server {
    const s = this.servers.get(id)
    if (!s) throw new Error(`no server ${id}`)
    return s
  }

  write(): void {
    this.issued += 1
    this.net.send({ from: this.clientId, to: this.chain[0]!, type: 'Write', v: this.issued })
  }

  read(): void {
    this.net.send({ from: this.clientId, to: this.chain[this.chain.length - 1]!, type: 'Read', id: this.reads.length })
    this.reads.push({ floor: [...this.acked].sort((a, b) => a - b), got: null })
  }

  deliver(from: string, to: string): void {
    const m = this.net.take(from, to)
    if (to !== this.clientId) return this.server(to).receive(m)
    if (m.type === 'WriteAck') this.acked.add(m.v)
    else if (m.type === 'ReadReply' && this.reads[m.id]?.got === null) this.reads[m.id]!.got = m.hist
  }

  crash(id: string): void {
    this.net.crash(id)
  }

  /** The master drops a crashed server from the chain. */
  remove(id: string): void {
    if (!this.net.down.has(id)) throw new Error(`master removed ${id}, which is up`)
    this.chain = this.chain.filter((n) => n !== id)
  }
}
