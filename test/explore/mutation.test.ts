/**
 * A model that writes into the state `next` was given is caught without `--debug`, in every
 * engine, with a model error naming the function that writes (found by re-running `next` on a
 * frozen copy). Before this check the `mutating` fixture ran "fine" with wrong counts.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import type { CheckOptions } from '../../src/core/options.ts'
import { ModelError } from '../../src/core/errors.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import { parallelBfs } from '../../src/parallel/parallel-bfs.ts'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import counterSpec from '../fixtures/counter.ts'
import { mutatingSpec } from '../fixtures/misbehaving.ts'

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

  it('leaves a well-behaved model alone, counts unchanged', async () => {
    const r = await check(counterSpec, {})
    expect(r.stats).toMatchObject({ distinct: 4, total: 7, depth: 4 })
  })
})
