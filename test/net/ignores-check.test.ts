/**
 * `--debug`'s check of `ignoresForever` (src/net/ignores-check.ts): a rule that drops a message
 * its receiver ignores now but would act on later passes an ordinary search (the harness checks
 * only the delivery where it drops) and is a model error with `debug`; a rule that keeps its
 * claim passes with the same counts; and the bundled models' rules pass.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../src/index.ts'
import type { AnySpec } from '../../src/index.ts'
import { actorModel } from '../../src/net/index.ts'
import type { ActorDefinition, ActorState } from '../../src/net/index.ts'
import pbSync from '../../specs/primary-backup-sync.ts'
import ecSpec from '../../specs/eventual-consistency.ts'
import threePC from '../../specs/three-phase-commit-crash.ts'
import capAp from '../../specs/cap-ap.ts'

// A sends b one Ping (with `slowSend`, in three steps: Arm, Wait, Send), or gives up without
// sending (Skip). b walks its stages 0 → 1 → 2 → 3, then Finishes (3 → 4). b acts on a Ping only
// in stage 4 (→ 5); the rule under test says which stages ignore it for good.
type Msg = { readonly from: string; readonly to: string; readonly type: 'Ping' }
type A = 'idle' | 'armed' | 'ready' | 'done'
type Roles = { senders: A; receivers: number }
type Config = { readonly slowSend: boolean; readonly ignoredIn: readonly number[] }

const late = (name: string): ActorDefinition<Config, Roles, Msg, Record<never, never>> => ({
  name,
  roles: {
    senders: {
      nodes: () => ['a'],
      init: () => 'idle' as A,
      actions: [
        { name: 'Arm', fire: (c, _n, x) => (c.slowSend && x === 'idle' ? { local: 'armed' as A } : null) },
        { name: 'Wait', fire: (_c, _n, x) => (x === 'armed' ? { local: 'ready' as A } : null) },
        { name: 'Send', fire: (c, n, x) => (x === (c.slowSend ? 'ready' : 'idle') ? { local: 'done' as A, send: [{ from: n, to: 'b', type: 'Ping' }] } : null) },
        { name: 'Skip', fire: (_c, _n, x) => (x === 'idle' ? { local: 'done' as A } : null) },
      ],
    },
    receivers: {
      nodes: () => ['b'],
      init: () => 0,
      receive: (_c, _n, x) => (x === 4 ? { local: 5 } : null),
      ignoresForever: (c, _n, x) => c.ignoredIn.includes(x),
      actions: [
        { name: 'Walk', fire: (_c, _n, x) => (x < 3 ? { local: x + 1 } : null) },
        { name: 'Finish', fire: (_c, _n, x) => (x === 3 ? { local: 4 } : null) },
      ],
    },
  },
  network: () => ({ semantics: 'bag', budget: {} }),
  properties: [always('Stages', (_c, s: ActorState<Roles, Msg, Record<never, never>>) => (s.receivers.b ?? 0) <= 5)],
})

const spec = (config: Config): AnySpec => defineSpec({ name: 'late', model: actorModel(late('late')), config }) as unknown as AnySpec
const modelError = async (s: AnySpec, debug: boolean): Promise<string | undefined> => {
  try {
    await check(s, { debug })
    return undefined
  } catch (e) {
    return (e as Error).message
  }
}

describe('--debug checks that ignoresForever holds for good', () => {
  it('a rule that drops a message its receiver acts on later passes without --debug, and fails with it', async () => {
    // Stage 3 is claimed, but stage 4, which b reaches from it, acts on the Ping. (Both ways to
    // b's stage 3 with A done are 4 steps long: the claim is there before that state is expanded.)
    const wrong = spec({ slowSend: false, ignoredIn: [3] })
    expect(await modelError(wrong, false)).toBeUndefined()
    expect(await modelError(wrong, true)).toMatch(
      /^actor model late: ignoresForever said b ignores Ping a→b for good, and it was dropped, but after Finish\(b\), with b in 4, delivering it changes b's state, in state /,
    )
  })

  it('checks a claim that reaches a state only after the search expanded it (its successors are computed again)', async () => {
    // b's stage 3 with A done is first met without a claim (A skipped: 4 steps); the Ping dropped
    // there arrives by A's slow path (6 steps), after that state and its Finish successor were
    // expanded.
    expect(await modelError(spec({ slowSend: true, ignoredIn: [3] }), true)).toMatch(/ignoresForever said b ignores Ping a→b for good, and it was dropped, but after Finish\(b\), with b in 4, delivering it changes b's state/)
  })

  it('passes a rule that keeps its claim, with the counts of the search without --debug', async () => {
    const right = spec({ slowSend: true, ignoredIn: [5] })
    const plain = await check(right)
    const debugged = await check(right, { debug: true })
    expect([debugged.stats.distinct, debugged.stats.total]).toEqual([plain.stats.distinct, plain.stats.total])
  })

  it.each([
    ['primary-backup-sync', pbSync],
    ['eventual-consistency', ecSpec],
    ['three-phase-commit-crash', threePC],
    ['cap-ap', capAp],
  ] as const)('passes the bundled rules of %s', async (_name, s) => {
    const plain = await check(s as unknown as AnySpec)
    const debugged = await check(s as unknown as AnySpec, { debug: true })
    expect(debugged.properties.map((p) => [p.name, p.verdict])).toEqual(plain.properties.map((p) => [p.name, p.verdict]))
    expect(debugged.stats.distinct).toBe(plain.stats.distinct)
  })
})
