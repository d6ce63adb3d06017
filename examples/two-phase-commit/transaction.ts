/**
 * An in-memory two-phase commit: a transaction manager (coordinator) and resource managers
 * (participants) exchanging messages over a network that, like TwoPhase.tla's `msgs`, keeps every
 * message ever sent (so a message can be delivered again: redelivery is normal, and handlers must
 * be idempotent). This is ordinary object-oriented code, the kind a model is checked against:
 * mutable classes, JS Maps and Sets, methods that refuse illegal calls.
 *
 * `new TwoPhaseCommit(rms, { bug: 'count-duplicate-votes' })` plants a realistic bug: the
 * coordinator counts "Prepared" deliveries instead of distinct voters, so a redelivered vote is
 * counted twice and the coordinator believes it may commit before every participant has voted.
 */
export type Message = { readonly type: 'Prepared'; readonly rm: string } | { readonly type: 'Commit' } | { readonly type: 'Abort' }

export type ParticipantState = 'working' | 'prepared' | 'committed' | 'aborted'
export type CoordinatorState = 'init' | 'committed' | 'aborted'

const key = (m: Message): string => (m.type === 'Prepared' ? `Prepared:${m.rm}` : m.type)

/** Every message ever sent; delivering does not consume it. */
export class Network {
  private readonly sent = new Map<string, Message>()
  send(m: Message): void {
    this.sent.set(key(m), m)
  }
  /** Checks that `m` was sent (a message cannot be delivered before it exists). */
  deliverable(m: Message): Message {
    const found = this.sent.get(key(m))
    if (!found) throw new Error(`${key(m)} was never sent`)
    return found
  }
  messages(): Message[] {
    return [...this.sent.values()]
  }
}

export class ResourceManager {
  state: ParticipantState = 'working'
  constructor(
    readonly id: string,
    private readonly net: Network,
  ) {}

  /** Votes yes: only from `working`. */
  prepare(): void {
    if (this.state !== 'working') throw new Error(`${this.id} cannot prepare in state ${this.state}`)
    this.state = 'prepared'
    this.net.send({ type: 'Prepared', rm: this.id })
  }

  /** Decides unilaterally to abort: only before voting. */
  abort(): void {
    if (this.state !== 'working') throw new Error(`${this.id} cannot abort in state ${this.state}`)
    this.state = 'aborted'
  }

  /** Handles the coordinator's decision (idempotent: it may be delivered many times). */
  receive(m: Message): void {
    this.net.deliverable(m)
    if (m.type === 'Commit') this.state = 'committed'
    else if (m.type === 'Abort') this.state = 'aborted'
    else throw new Error(`${this.id} does not handle ${m.type}`)
  }
}

export class TransactionManager {
  state: CoordinatorState = 'init'
  private readonly voters = new Set<string>()
  private votes = 0

  constructor(
    private readonly rms: readonly string[],
    private readonly net: Network,
    private readonly countDuplicateVotes: boolean,
  ) {}

  /** Handles a participant's "Prepared" vote (may be a redelivery). */
  receive(m: Message): void {
    this.net.deliverable(m)
    if (m.type !== 'Prepared') throw new Error(`the coordinator does not handle ${m.type}`)
    if (this.state !== 'init') return
    this.voters.add(m.rm)
    this.votes++
  }

  /** May the coordinator commit now? Every participant has voted yes and nothing is decided. */
  canCommit(): boolean {
    const count = this.countDuplicateVotes ? this.votes : this.voters.size
    return this.state === 'init' && count >= this.rms.length
  }

  commit(): void {
    if (!this.canCommit()) throw new Error('cannot commit: not every participant has prepared')
    this.state = 'committed'
    this.net.send({ type: 'Commit' })
  }

  abort(): void {
    if (this.state !== 'init') throw new Error(`cannot abort: already ${this.state}`)
    this.state = 'aborted'
    this.net.send({ type: 'Abort' })
  }

  preparedVoters(): string[] {
    return [...this.voters]
  }
}

export interface Options {
  readonly bug?: 'count-duplicate-votes'
}

/** One transaction: a coordinator, its participants, and the network between them. */
export class TwoPhaseCommit {
  readonly net = new Network()
  readonly tm: TransactionManager
  readonly participants = new Map<string, ResourceManager>()

  constructor(rms: readonly string[], options: Options = {}) {
    this.tm = new TransactionManager(rms, this.net, options.bug === 'count-duplicate-votes')
    for (const rm of rms) this.participants.set(rm, new ResourceManager(rm, this.net))
  }

  rm(id: string): ResourceManager {
    const p = this.participants.get(id)
    if (!p) throw new Error(`no participant ${id}`)
    return p
  }
}
