/**
 * What models/lamport-mutex.ts's header claims: its state space is LamportMutex.tla's. TLC's
 * published counts are for MCLamportMutex.cfg (maxClock = 6: 724,274 / 2,729,079 / 61, about a
 * million states, too many for this suite; `npm run check -- specs/lamport-mutex.ts --param
 * maxClock=6` gives them, within the constraint). Here the module's Init and Next are enumerated
 * directly over its variables clock, req, ack, network and crit, as TLC does under CONSTRAINT
 * ClockConstraint (a state failing it is generated and never stored or expanded; not TLC, a
 * 40-line transcription), and the port's counts within the constraint, its generated count and
 * its depth within the constraint must equal it at small bounds.
 */
import { describe, expect, it } from 'vitest'
import { check, defineSpec } from '../../../src/index.ts'
import { clockConstraint, lamportMutex } from '../../../models/lamport-mutex.ts'

type Msg = { readonly type: 'req' | 'ack' | 'rel'; readonly clock: number }
type T = { clock: number[]; req: number[][]; ack: number[][]; network: Msg[][][]; crit: number[] }

const set = (xs: number[]): number[] => [...new Set(xs)].sort((a, b) => a - b)
const upd = <X>(xs: readonly X[], i: number, x: X): X[] => xs.map((y, j) => (j === i ? x : y))

/** Next, one successor per witness of each `\E` and each disjunct, as TLC enumerates them. */
function next(n: number, s: T): T[] {
  const out: T[] = []
  const bcast = (p: number, m: Msg): Msg[][] => s.network[p]!.map((q, r) => (r === p ? q : [...q, m]))
  for (let p = 0; p < n; p++) {
    const rp = s.req[p]!
    if (rp[p] === 0) out.push({ ...s, req: upd(s.req, p, upd(rp, p, s.clock[p]!)), network: upd(s.network, p, bcast(p, { type: 'req', clock: s.clock[p]! })), ack: upd(s.ack, p, [p]) })
    const beats = (q: number): boolean => rp[q] === 0 || rp[p]! < rp[q]! || (rp[p] === rp[q] && p < q)
    if (s.ack[p]!.length === n && [...Array(n).keys()].every((q) => q === p || beats(q))) out.push({ ...s, crit: set([...s.crit, p]) })
    if (s.crit.includes(p)) out.push({ ...s, crit: s.crit.filter((x) => x !== p), network: upd(s.network, p, bcast(p, { type: 'rel', clock: 0 })), req: upd(s.req, p, upd(rp, p, 0)), ack: upd(s.ack, p, []) })
  }
  for (let p = 0; p < n; p++)
    for (let q = 0; q < n; q++) {
      const link = s.network[q]![p]!
      if (q === p || link.length === 0) continue
      const m = link[0]!
      const net = upd(s.network, q, upd(s.network[q]!, p, link.slice(1)))
      if (m.type === 'req') {
        const c = m.clock
        out.push({ ...s, req: upd(s.req, p, upd(s.req[p]!, q, c)), clock: upd(s.clock, p, c > s.clock[p]! ? c + 1 : s.clock[p]! + 1), network: upd(net, p, upd(net[p]!, q, [...net[p]![q]!, { type: 'ack', clock: 0 }])) })
      } else if (m.type === 'ack') out.push({ ...s, ack: upd(s.ack, p, set([...s.ack[p]!, q])), network: net })
      else out.push({ ...s, req: upd(s.req, p, upd(s.req[p]!, q, 0)), network: net })
    }
  return out
}

/** TLC's BFS under ClockConstraint: distinct (within it), generated, depth (within it). */
function tlc(n: number, maxClock: number): [number, number, number] {
  const z = [...Array(n).keys()]
  const init: T = { clock: z.map(() => 1), req: z.map(() => z.map(() => 0)), ack: z.map(() => []), network: z.map(() => z.map(() => [])), crit: [] }
  const seen = new Set([JSON.stringify(init)])
  let level = [init], generated = 1, depth = 0
  while (level.length > 0) {
    depth++
    const nextLevel: T[] = []
    for (const s of level)
      for (const t of next(n, s)) {
        generated++
        const k = JSON.stringify(t)
        if (!t.clock.every((x) => x <= maxClock) || seen.has(k)) continue
        seen.add(k)
        nextLevel.push(t)
      }
    level = nextLevel
  }
  return [seen.size, generated, depth]
}

describe('LamportMutex: the port is the module', () => {
  it.each([
    [2, 4],
    [3, 3],
  ])('N = %i, maxClock = %i: every property holds and the counts are the module\'s under its constraint', async (n, maxClock) => {
    const procs = [...Array(n).keys()].map((i) => `p${i + 1}`)
    const r = await check(defineSpec({ name: 'lamport-mutex-small', model: lamportMutex, config: { procs, maxClock }, constraint: clockConstraint, deadlock: true }))
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({
      TypeOK: 'holds',
      BoundedNetwork: 'holds',
      Mutex: 'holds',
      NetworkInv: 'holds',
      CommInv: 'holds',
      ClockInv: 'holds',
      RecordedRequestsCurrent: 'holds',
      SomeoneEnters: 'holds',
      Deadlock: 'holds',
    })
    expect([r.stats.distinct - (r.stats.cut ?? 0), r.stats.total, r.stats.depthWithin]).toEqual(tlc(n, maxClock))
  })
})
