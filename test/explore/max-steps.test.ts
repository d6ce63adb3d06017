/**
 * A state with more steps than a 16-bit ordinal can name (parent links, the liveness graph, the
 * thread and process reports keep ordinals in 16 bits) is refused with a one-line model error by
 * every explorer, since they all expand through `prepare`, instead of wrapping and naming the
 * wrong step in a trace. 65,535 steps are allowed.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../src/index.ts'
import type { Model } from '../../src/index.ts'

interface Config {
  readonly fan: number
}
type State = { readonly at: number }
type Action = { readonly name: 'Go'; readonly to: number }

/** One initial state with `fan` successors, each without steps. */
const fanOut: Model<Config, State, Action> = {
  name: 'fan-out',
  init: () => [{ at: -1 }],
  next: (c, s) => (s.at >= 0 ? [] : Array.from({ length: c.fan }, (_, i) => [{ name: 'Go', to: i }, { at: i }] as const)),
  properties: [always('Small', (_c, s) => s.at < 1e9)],
}
const spec = (fan: number) => defineSpec({ name: `fan-out-${fan}`, model: fanOut, config: { fan } })

describe('steps per state', () => {
  it('allows 65,535', async () => {
    const r = await check(spec(65535), { deadlock: false })
    expect(r.stats.distinct).toBe(65536)
  })

  it.each(['bfs', 'dfs', 'simulate'] as const)('refuses 65,536 in one line naming the model (%s)', async (strategy) => {
    await expect(check(spec(65536), { deadlock: false, strategy })).rejects.toThrow(/^model fan-out: a state has 65536 successors \(at most 65,535\), in state \{"at":-1\}$/)
  })
})
