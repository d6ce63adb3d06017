/**
 * A model that writes into the state `next` was given is caught without `--debug`, in every
 * engine, with a model error naming the function that writes (found by re-running `next` on a
 * frozen copy). Before this check the `mutating` fixture ran "fine" with wrong counts.
 */
import { describe, expect, it } from 'vitest'
import { always, check, defineSpec } from '../../src/index.ts'
import type { Model } from '../../src/index.ts'
import type { CheckOptions } from '../../src/core/options.ts'
import { ModelError } from '../../src/core/errors.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import counterSpec from '../fixtures/counter.ts'
import { mutatingSpec } from '../fixtures/misbehaving.ts'

interface Tick {
  readonly x: number
}
/** A counter to 2,000 whose Tick, at x = at, writes -1 into the state it was given. */
function tick(c: { at: number }, s: Tick): Tick | null {
  if (s.x < 0 || s.x >= 2000) return null
  if (s.x === c.at) (s as { x: number }).x = -1
  return s.x < 0 ? null : { x: s.x + 1 }
}
const ticker = defineSpec({
  name: 'ticker',
  params: { at: 9 },
  config: (p) => ({ at: p.at as number }),
  model: {
    name: 'ticker',
    init: () => [{ x: 0 }],
    next: (c: { at: number }, s: Tick) => {
      const t = tick(c, s)
      return t ? [[{ name: 'Tick' }, t] as const] : []
    },
    properties: [always('True', () => true)],
  } satisfies Model<{ at: number }, Tick, { name: 'Tick' }>,
})

const MUTATING_URL = new URL('../fixtures/mutating.ts', import.meta.url).href
const engines: Record<string, Partial<CheckOptions>> = {
  bfs: {},
  dfs: { strategy: 'dfs' },
  simulate: { strategy: 'simulate', traces: 3, maxSteps: 5 },
  'parallel, 2 workers (narrow levels here)': { workers: 2, specUrl: MUTATING_URL },
}

describe.each(Object.entries(engines))('mutation detection in %s', (_name, engine) => {
  it('names the function that writes into its input state', async () => {
    const run = check(mutatingSpec, engine)
    await expect(run).rejects.toThrow(ModelError)
    await expect(run).rejects.toThrow(/mutating: next mutated a state .*at append \(.*misbehaving\.ts:\d+\)/)
  })
})

describe('mutation detection', () => {
  it('on worker threads too (every level sent out)', async () => {
    const o = resolveOptions({ workers: 2, specUrl: MUTATING_URL })
    const run = parallelBfs(prepare(mutatingSpec, o), o, { pool: 'threads', inlineBelow: 0 })
    await expect(run).rejects.toThrow(/mutating: next mutated a state .*at append \(.*misbehaving\.ts:\d+\)/)
  })

  it('on worker threads that ran a spec from its sources before (tsx hooks scoped to the sources)', async () => {
    // The same idle pool runs the TypeScript sources (tsx) and then a bundle: the bundle's source
    // map must still name the model's file. With tsx's hooks registered for the whole thread, the
    // packed spec's run from sources left the next bundle's frames unmapped.
    const { spec, url } = await loadSpecFile('specs/two-phase-commit-packed.ts')
    const po = resolveOptions({ workers: 2, specUrl: url })
    await parallelBfs(prepare(spec, po), po, { pool: 'threads', bundle: false })
    const o = resolveOptions({ workers: 2, specUrl: MUTATING_URL })
    const run = parallelBfs(prepare(mutatingSpec, o), o, { pool: 'threads', inlineBelow: 0 })
    await expect(run).rejects.toThrow(/mutating: next mutated a state .*at append \(.*misbehaving\.ts:\d+\)/)
  })

  // A write that turns its own guard off (x = at, then -1): the written state no longer enables
  // the action, so re-running `next` on it finds nothing. The first 1,000 states keep a copy of the
  // state as it was; past them (a sample of one state in 64) the error can only say what happened.
  it('names an action whose write disables it, within the first 1,000 states; past them, says how to find it', async () => {
    const line = (at: number) => check(ticker, { params: { at } })
    await expect(line(9)).rejects.toThrow(/^model ticker: next mutated a state \(states are immutable\): .*\(at tick \(.*mutation\.test\.ts:\d+\)\)$/)
    // Expanded 1,536th (x = 1535): sampled, and past the copies.
    await expect(line(1535)).rejects.toThrow(/^model ticker: next changed the state it was given .*run with debug to find the action$/)
  })

  it('leaves a well-behaved model alone, counts unchanged', async () => {
    const r = await check(counterSpec, {})
    expect(r.stats).toMatchObject({ distinct: 4, total: 7, depth: 4 })
  })
})
