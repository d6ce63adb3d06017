/**
 * The commit models' `ignoresForever` rules (the harness drops a message its receiver ignores for
 * good), checked against every state the bundled specs reach, over every message a node could be
 * sent: where a rule says a node ignores a message, its handler leaves the node as it is and sends
 * nothing, and every step keeps the claim (the node's state after it still ignores the message),
 * so it ignores it in every state it can reach. The harness checks the first part on the messages
 * it drops; the second, "for good", is the model's argument, which this tests within the specs'
 * bounds (crashes, restarts, partitions and a lost message among them).
 */
import { describe, expect, it } from 'vitest'
import type { AnySpec } from '../../../src/index.ts'
import { resolveConfig } from '../../../src/core/spec.ts'
import { valuesEqual } from '../../../src/state/data.ts'
import type { Value } from '../../../src/core/value.ts'
import * as threePC from '../../../models/three-phase-commit.ts'
import * as skeen from '../../../models/three-phase-commit-skeen.ts'
import * as twoPC from '../../../models/two-phase-commit-net.ts'
import threePCCrash from '../../../specs/three-phase-commit-crash.ts'
import threePCPartition from '../../../specs/three-phase-commit-partition.ts'
import skeenCrash from '../../../specs/three-phase-commit-skeen-crash.ts'
import skeenPartition from '../../../specs/three-phase-commit-skeen-partition.ts'
import twoPCDrops from '../../../specs/two-phase-commit-net-drops.ts'
import twoPCTwoCrashes from '../../../specs/two-phase-commit-net-two-crashes.ts'
import twoPCTimeoutAbort from '../../../specs/two-phase-commit-net-timeout-abort.ts'

type Msg = { readonly from: string; readonly to: string; readonly type: string; readonly yes?: boolean }
type Outcome = { readonly local: unknown; readonly send?: readonly unknown[] } | null | symbol
type Net = { readonly coordinator: string; readonly participants: readonly string[] }
/** One role's rule and handler, over its nodes' local states. */
type RoleRule = {
  readonly role: 'coordinator' | 'participants'
  readonly ignores: (x: never, m: Msg) => boolean
  readonly receive: (node: string, x: never, m: Msg) => Outcome
}

/** Every message of these types that a node of `c` could be sent. */
function universe(c: Net, types: readonly string[]): Msg[] {
  const nodes = [c.coordinator, ...c.participants]
  return nodes.flatMap((to) => nodes.filter((from) => from !== to).flatMap((from) => types.flatMap((type) => (type === 'Vote' ? [true, false].map((yes) => ({ from, to, type, yes })) : [{ from, to, type }]))))
}

/** The claims that fail in the states `spec` reaches (empty: none), at most 5. */
function brokenClaims(spec: AnySpec, rules: readonly RoleRule[], types: readonly string[]): string[] {
  const c = resolveConfig(spec) as Net
  const model = spec.model as unknown as { init(c: unknown): Iterable<object>; next(c: unknown, s: object): Iterable<readonly [unknown, object]> }
  const msgs = universe(c, types)
  const local = (s: object, role: string, n: string): never => (s as Record<string, Record<string, never>>)[role]![n] as never
  const seen = new Set<string>()
  const queue = [...model.init(c)]
  const out: string[] = []
  for (let i = 0; i < queue.length && out.length < 5; i++) {
    const s = queue[i] as object
    const next = [...model.next(c, s)]
    for (const r of rules) {
      const nodes = r.role === 'coordinator' ? [c.coordinator] : c.participants
      for (const n of nodes) {
        const x = local(s, r.role, n)
        for (const m of msgs.filter((q) => q.to === n && r.ignores(x, q))) {
          const o = r.receive(n, x, m)
          if (o !== null && typeof o === 'object' && ((o.send?.length ?? 0) > 0 || !valuesEqual(o.local as Value, x as Value))) out.push(`${n} in ${JSON.stringify(x)} handles ${JSON.stringify(m)}`)
          for (const [, t] of next) {
            const y = local(t, r.role, n)
            if (!r.ignores(y, m)) out.push(`${n} ignores ${JSON.stringify(m)} in ${JSON.stringify(x)} but not after a step, in ${JSON.stringify(y)}`)
          }
        }
      }
    }
    for (const [, t] of next) {
      const k = JSON.stringify(t)
      if (!seen.has(k)) {
        seen.add(k)
        queue.push(t)
      }
    }
  }
  return out.slice(0, 5)
}

const THREE_PC_TYPES = ['CanCommit', 'Vote', 'PreCommit', 'Ack', 'DoCommit', 'Abort']

describe('ignoresForever in the commit models: a dropped message is ignored now and after every step', () => {
  const threePCRules: RoleRule[] = [
    { role: 'coordinator', ignores: threePC.coordinatorIgnoresForever as RoleRule['ignores'], receive: (_n, x, m) => threePC.onCoordinatorReceive(resolveConfig(threePCCrash as AnySpec) as threePC.Config, x, m as threePC.Msg) },
    { role: 'participants', ignores: threePC.participantIgnoresForever as RoleRule['ignores'], receive: (n, x, m) => threePC.onParticipantReceive(n, x, m as threePC.Msg) },
  ]
  it.each([threePCCrash, threePCPartition])("the seed's 3PC ($name)", (spec) => {
    expect(brokenClaims(spec as AnySpec, threePCRules, THREE_PC_TYPES)).toEqual([])
  })

  const skeenRules = (spec: AnySpec): RoleRule[] => [
    { role: 'coordinator', ignores: skeen.coordinatorIgnoresForever as RoleRule['ignores'], receive: (_n, x, m) => skeen.onCoordinatorReceive(resolveConfig(spec) as skeen.Config, x, m as skeen.Msg) },
    { role: 'participants', ignores: skeen.participantIgnoresForever as RoleRule['ignores'], receive: (n, x, m) => skeen.onParticipantReceive(resolveConfig(spec) as skeen.Config, skeen.correctRules, n, x, m as skeen.Msg) },
  ]
  it.each([skeenCrash, skeenPartition])("Skeen's 3PC ($name)", (spec) => {
    expect(brokenClaims(spec as AnySpec, skeenRules(spec as AnySpec), THREE_PC_TYPES)).toEqual([])
  })

  const twoPCRules = (spec: AnySpec): RoleRule[] => [
    { role: 'coordinator', ignores: twoPC.coordinatorIgnoresForever as RoleRule['ignores'], receive: (_n, x, m) => (m.type === 'Vote' ? twoPC.onVote(resolveConfig(spec) as twoPC.Config, x, m as twoPC.Msg & { type: 'Vote' }) : null) },
    { role: 'participants', ignores: twoPC.participantIgnoresForever as RoleRule['ignores'], receive: (n, x, m) => twoPC.participantRole.receive!(resolveConfig(spec) as twoPC.Config, n, x, m as twoPC.Msg, undefined as never) },
  ]
  it.each([twoPCDrops, twoPCTwoCrashes, twoPCTimeoutAbort])('message-passing 2PC ($name)', (spec) => {
    expect(brokenClaims(spec as AnySpec, twoPCRules(spec as AnySpec), ['Prepare', 'Vote', 'Commit', 'Abort'])).toEqual([])
  })

  it('finds a claim that is not for good (a coordinator that ignores votes while not collecting: it collects again after a restart)', () => {
    const wrong: RoleRule[] = [{ ...twoPCRules(twoPCDrops as AnySpec)[0]!, ignores: ((x: twoPC.Coordinator, m: Msg) => m.type === 'Vote' && x.volatile.phase !== 'collecting') as RoleRule['ignores'] }]
    expect(brokenClaims(twoPCDrops as AnySpec, wrong, ['Vote'])[0]).toMatch(/^c ignores .* but not after a step/)
  })
})
