/**
 * The replication models' `ignoresForever` rules (primary/backup's Acks and Nacks, CAP's Acks,
 * eventual consistency's Syncs of the version held), checked as an induction over each spec's
 * reachable states: every message that can be in flight there (an answer to a write already
 * issued, a version already written) and that the rule marks for a node is one its handler
 * ignores there (the harness checks this only for messages in flight), and the rule still marks
 * it for that node in every successor (crashes and restarts included). Both together are
 * "ignored in every state the node can reach", the claim the harness takes on trust. (Where the
 * rule marks less than its node ignores for good, the induction is over a wider invariant that
 * holds wherever the rule does.) The commit models' rules: ignores-forever.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { compareValues } from '../../../src/index.ts'
import type { AnySpec, Value } from '../../../src/index.ts'
import type { Action } from '../../../src/core/action.ts'
import type { Model } from '../../../src/core/model.ts'
import { resolveConfig } from '../../../src/core/spec.ts'
import * as pb from '../../../models/primary-backup.ts'
import * as cap from '../../../models/cap.ts'
import * as ec from '../../../models/eventual-consistency.ts'

type Handled = { readonly local?: unknown; readonly send?: readonly unknown[]; readonly ghost?: unknown } | null
const changesNothing = (local: unknown, o: Handled): boolean =>
  o === null || ((o.send === undefined || o.send.length === 0) && o.ghost === undefined && compareValues(o.local as Value, local as Value) === 0)

/** For each reachable state s, node and message of `domain(c, s, node)` that `rule` marks:
 * `invariant` holds, and wherever `invariant` holds the handler ignores the message and every
 * successor's `invariant` holds too. Returns how many (state, message) pairs the rule marked, and
 * the first failure found. */
type Reached<L> = { readonly replicas: Readonly<Record<string, L>> }

function induction<C, L, M, S extends Reached<L>>(
  spec: AnySpec,
  domain: (c: C, s: S, node: string) => readonly M[],
  rule: (c: C, local: L, m: M) => boolean,
  handle: (c: C, node: string, local: L, m: M) => Handled,
  invariant: (c: C, local: L, m: M) => boolean = rule,
): { marked: number; failure: string | null } {
  const c = resolveConfig(spec) as C
  const model = spec.model as unknown as Model<C, S, Action>
  const seen = new Set<string>()
  let frontier = [...model.init(c)]
  let marked = 0
  while (frontier.length > 0) {
    const next: typeof frontier = []
    for (const s of frontier) {
      const successors = [...model.next(c, s)].map(([, t]) => t)
      for (const [n, local] of Object.entries(s.replicas)) {
        for (const m of domain(c, s, n)) {
          if (rule(c, local, m)) {
            marked++
            if (!invariant(c, local, m)) return { marked, failure: `the invariant misses ${JSON.stringify(m)} to ${n} in ${JSON.stringify(s)}` }
          }
          if (!invariant(c, local, m)) continue
          if (!changesNothing(local, handle(c, n, local, m))) return { marked, failure: `${n} handles ${JSON.stringify(m)} in ${JSON.stringify(s)}` }
          const t = successors.find((t) => !invariant(c, t.replicas[n] as L, m))
          if (t !== undefined) return { marked, failure: `${n} no longer ignores ${JSON.stringify(m)} after ${JSON.stringify(s)} -> ${JSON.stringify(t)}` }
        }
      }
      for (const t of successors) {
        const k = JSON.stringify(t)
        if (!seen.has(k)) {
          seen.add(k)
          next.push(t)
        }
      }
    }
    frontier = next
  }
  return { marked, failure: null }
}

const range = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)

/** Every Ack and Nack to `n` that can be in flight in s: of a write issued, with an epoch handed
 * out (the rule marks no Replicate or Undo). */
const pbDomain = (c: pb.Config, s: pb.State, n: string): pb.Msg[] =>
  c.nodes.filter((f) => f !== n).flatMap((from) =>
    range(1, s.issued).flatMap((v): pb.Msg[] => [
      { from, to: n, type: 'Ack', v },
      ...range(1, s.epoch).map((epoch): pb.Msg => ({ from, to: n, type: 'Nack', v, epoch })),
    ]),
  )
const pbHandle = (c: pb.Config, n: string, r: pb.Replica, m: pb.Msg): Handled =>
  m.type === 'Ack' ? pb.onAck(c, n, r, m) : m.type === 'Nack' ? pb.onNack(c, n, r, m) : { local: undefined }

describe('ignoresForever: the rule marks only what its node ignores now and after every step', () => {
  it.each([
    'primary-backup-sync',
    'primary-backup-sync-two-failovers',
    'primary-backup-max-availability',
    'primary-backup-split-brain-fenced-two-failovers',
    'primary-backup-late-nack',
    'primary-backup-split-brain-unfenced',
  ])('%s: Acks and Nacks not for the write in progress', async (name) => {
    const spec = (await import(`../../../specs/${name}.ts`)).default as AnySpec
    const r = induction<pb.Config, pb.Replica, pb.Msg, pb.State>(spec, pbDomain, (_c, local, m) => pb.ignoredForever(local, m), pbHandle)
    expect(r.failure).toBeNull()
    expect(r.marked).toBeGreaterThan(0)
  })

  it.each(['cap-cp-naive', 'cap-ap', 'cap-cp'])('%s: Acks not for the write in progress', async (name) => {
    const spec = (await import(`../../../specs/${name}.ts`)).default as AnySpec
    const acks = (c: cap.Config, s: cap.State, n: string): cap.Msg[] => range(1, s.issued).map((v): cap.Msg => ({ from: n === c.replicas[0] ? c.replicas[1] : c.replicas[0], to: n, type: 'Ack', v }))
    const r = induction<cap.Config, cap.Replica, cap.Msg, cap.State>(spec, acks, (_c, x, m) => cap.ignoredForever(x, m), (_c, _n, x, m) => (m.type === 'Ack' ? cap.onAck(x, m) : null))
    expect(r.failure).toBeNull()
    if (name !== 'cap-cp') expect(r.marked).toBeGreaterThan(0)
  })

  /** The initial version and every version written in s, as a Sync from another replica (a
   * written value `r.k` names its version (k, r)). */
  const syncs = (c: ec.Config, s: ec.State, n: string): ec.Msg[] => {
    const versions: ec.Versioned[] = [{ n: 0, by: '', val: 'v0' }, ...s.written.map((val) => ({ n: Number(val.slice(val.lastIndexOf('.') + 1)), by: val.slice(0, val.lastIndexOf('.')), val }))]
    return c.replicas.filter((f) => f !== n).flatMap((from) => versions.map((v): ec.Msg => ({ from, to: n, type: 'Sync', ...v })))
  }

  // The rule marks the version held; what stays ignored is every version no newer than the one
  // held (no higher number, under keep-local-on-tie), the invariant the induction runs over.
  const notNewer = (c: ec.Config, x: ec.Versioned, m: ec.Msg): boolean =>
    c.merge === 'keep-local-on-tie' ? m.n <= x.n : m.n < x.n || (m.n === x.n && m.by <= x.by)

  it('eventual-consistency: Syncs of the version held, under lww and keep-local-on-tie; none under keep-older', async () => {
    const spec = (await import('../../../specs/eventual-consistency.ts')).default as AnySpec
    for (const merge of ['lww', 'keep-local-on-tie'] as const) {
      const r = induction<ec.Config, ec.Versioned, ec.Msg, ec.State>({ ...spec, config: { ...resolveConfig(spec), merge } } as AnySpec, syncs, ec.ignoredForever, (c, _n, x, m) => ec.onSync(c, x, m), notNewer)
      expect(r.failure).toBeNull()
      expect(r.marked).toBeGreaterThan(0)
    }
    const older = (await import('../../../specs/eventual-consistency-keep-older.ts')).default as AnySpec
    const c = resolveConfig(older) as ec.Config
    const all = c.replicas.flatMap((by) => range(1, c.writes).map((k) => `${by}.${k}`))
    expect(syncs(c, { written: all } as unknown as ec.State, 'r1').some((m) => ec.ignoredForever(c, { n: m.n, by: m.by, val: m.val }, m))).toBe(false)
  })
})
