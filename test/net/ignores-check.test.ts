/**
 * `--debug`'s check of `ignoresForever` (src/net/ignores-check.ts): a rule that drops a message
 * its receiver ignores now but would act on later passes an ordinary search (the harness checks
 * only the delivery where it drops) and is a model error with `debug`; a rule that keeps its
 * claim passes with the same counts, as does one whose message a crash loses; the check starts
 * afresh each run and covers the first state a worker thread expands; and the bundled models'
 * rules pass.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../src/index.ts'
import type { AnySpec } from '../../src/index.ts'
import { actorModel } from '../../src/net/index.ts'
import type { ActorDefinition, ActorState } from '../../src/net/index.ts'
import pbSync from '../../specs/primary-backup-sync.ts'
import ecSpec from '../../specs/eventual-consistency.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import firstStep from './fixtures/ignores-first-step.ts'
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

type Counters = { senders: number; receivers: number }
type G = Record<never, never>

// a sends b one Ping. b walks 0 → 1, and ignores a Ping in stage 1; only a crash takes b (to
// stage 4, where it acts on a Ping: → 5). A crash loses what is in flight to b, so stage 1
// does ignore a Ping for good: the rule is sound.
const crashReset = (restart: true | 'atomic'): ActorDefinition<{ readonly k: number }, Counters, Msg, G> => ({
  name: 'crash-reset',
  roles: {
    senders: {
      nodes: () => ['a'],
      init: () => 0,
      actions: [{ name: 'Send', fire: (_c, n, x) => (x === 0 ? { local: 1, send: [{ from: n, to: 'b', type: 'Ping' }] } : null) }],
    },
    receivers: {
      nodes: () => ['b'],
      init: () => 0,
      receive: (_c, _n, x) => (x === 4 ? { local: 5 } : null),
      ignoresForever: (_c, _n, x) => x === 1,
      crash: () => 4,
      actions: [{ name: 'Walk', fire: (_c, _n, x) => (x === 0 ? { local: 1 } : null) }],
    },
  },
  network: () => ({ semantics: 'bag', budget: { crash: 1 }, crashable: ['b'], restart }),
  properties: [always('Stages', (_c, s: ActorState<Counters, Msg, G>) => (s.receivers.b ?? 0) <= 5)],
})

describe('--debug checks ignoresForever: crashes, repeated runs, worker threads', () => {
  it.each([true, 'atomic'] as const)('passes a sound rule whose receiver loses the message in a crash (restart: %s)', async (restart) => {
    const s = defineSpec({ name: 'crash-reset', model: actorModel(crashReset(restart)), config: { k: 0 } }) as unknown as AnySpec
    expect(await modelError(s, false)).toBeUndefined()
    expect(await modelError(s, true)).toBeUndefined()
  })

  it('fails a wrong rule each time the same spec (one configuration object) is checked', async () => {
    // (The check's claims once outlived the run: the second run found the violating state's
    // claim already held, recorded before the first run failed on it, and passed.)
    // (The fixture's spec: one configuration object for every run.)
    const s = firstStep as unknown as AnySpec
    const wrong = /ignoresForever said b ignores Ping a→b for good, and it was dropped, but after Walk\(b\), with b in 2/
    expect(await modelError(s, true)).toMatch(wrong)
    expect(await modelError(s, true)).toMatch(wrong)
  })

  it('records the drops of the first state a worker thread expands', async () => {
    // (The check was once made after that expansion's `next`, so its drops went unreported:
    // here the only one, so a worker-only search passed the wrong rule.)
    const specUrl = new URL('./fixtures/ignores-first-step.ts', import.meta.url).href
    const wrong = /ignoresForever said b ignores Ping a→b for good, and it was dropped, but after Walk\(b\), with b in 2/
    expect(await modelError(firstStep as unknown as AnySpec, true)).toMatch(wrong)
    const o = resolveOptions({ workers: 2, specUrl, debug: true })
    // Every level on the workers (none expanded on the coordinating thread), one state per task.
    await expect(parallelBfs(prepare(firstStep as unknown as AnySpec, o), o, { pool: 'threads', minSlice: 1, inlineBelow: 0 })).rejects.toThrow(wrong)
  })
})
