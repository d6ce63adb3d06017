/**
 * What a client reads, not only what replicas hold: `primary-backup-split-brain-fenced-crash.ts`
 * (fenced synchronous replication, false failovers, one crash of any node) with one write, two
 * promotions instead of one (the second could promote a restarted node, were the rules to allow
 * it), and a history of the reads. The model's own invariants look at the serving nodes'
 * values, so they cannot see a read answered by a node that should not answer (one that is down,
 * or restarted and not caught up); this history can. A restarted node may hold a write that was rejected while it
 * was down (its Undo was lost with it: `RecoveringWithRejectedWrite`); the seed's synchronous
 * replication promises that what a read returns after a write has returned is the same at every
 * replica, and a rejected write has returned (as a failure). So no read returns a rejected write
 * (`ReadsSkipUndoneWrites`) — except one that races the Undo on its way to the node read (the
 * model's compensation is not atomic, `RejectedWritesUndone` allows the same window; the spec
 * records such a read so the invariant is not vacuous).
 */
import { always, defineSpec, schema, setHas } from '../src/index.ts'
import type { Model } from '../src/index.ts'
import { messages } from '../src/net/index.ts'
import { configFrom, primaryBackup } from '../models/primary-backup.ts'
import type { Action, Config, State } from '../models/primary-backup.ts'

/** The worst read of a rejected write so far: none; one that raced the write's Undo to the node
 * read; one that did not (the write had been undone everywhere it was going to be). */
type RejectedRead = 'none' | 'raced' | 'undone'
type History = State & { readonly rejectedRead: RejectedRead }

const readOf = (s: History, a: Action): RejectedRead => {
  if (a.name !== 'Read' || !setHas(s.rejected, a.v)) return 'none'
  return messages(s.net).some((m) => m.type === 'Undo' && m.to === a.node && m.v === a.v) ? 'raced' : 'undone'
}
const worse = (a: RejectedRead, b: RejectedRead): RejectedRead => (a === 'undone' || b === 'undone' ? 'undone' : a === 'raced' || b === 'raced' ? 'raced' : 'none')

export const primaryBackupReads: Model<Config, History, Action> = {
  ...(primaryBackup as unknown as Model<Config, History, Action>),
  name: 'primary-backup-reads',
  init: (c) => primaryBackup.init(c).map((s): History => ({ ...s, rejectedRead: 'none' })),
  // The model's state schema and the history after it (a field the schema left out would be
  // a state outside it).
  schema: (c) => {
    const s = primaryBackup.schema?.(c)
    if (s?.kind !== 'record') throw new Error('primary-backup-reads: the model has no record schema to extend')
    return schema.record({ ...s.fields, rejectedRead: schema.enum('none', 'raced', 'undone') })
  },
  next: (c, s) =>
    [...primaryBackup.next(c, s)].map(([a, t]): [Action, History] => {
      const h = t as History
      const r = worse(h.rejectedRead, readOf(s, a))
      return [a, r === h.rejectedRead ? h : { ...h, rejectedRead: r }]
    }),
  properties: [
    ...(primaryBackup.properties as unknown as Model<Config, History, Action>['properties']),
    always<Config, History>('ReadsSkipUndoneWrites', (_c, s) => s.rejectedRead !== 'undone', { when: (_c, s) => s.rejectedRead !== 'none' }),
  ],
}

export default defineSpec({
  name: 'primary-backup-reads',
  description: 'as -fenced-crash with 1 write, 2 promotions: no read returns a rejected write, not even from a restarted node',
  model: primaryBackupReads,
  params: { backups: 2, writes: 1, crashes: 1, promotions: 2 },
  config: (p) => configFrom(p, { mode: 'sync', detector: 'unreliable', fencing: true }),
  check: ['ReadsSkipUndoneWrites', 'ReadsSeeAckedWrites', 'AckedWritesDurable', 'RejectedWritesUndone', 'OnePrimaryPerEpoch', 'WriteAcknowledged', 'TwoPrimaries', 'RecoveringWithRejectedWrite', 'WriteRejectedWhilePrimaryUp'],
  expect: { distinct: 3201, total: 8565, depth: 12, source: 'measured (BFS, this repo): the states of the model at this configuration, each with its one history; 3,375 / 9,041 before the Acks and Nacks a node ignores for good were dropped (ignoresForever)' },
})
