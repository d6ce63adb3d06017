/** `check()`'s numeric options are range-checked as the CLI's flags are, naming the option. */
import { describe, expect, it } from 'vitest'
import { flagOf, maxWorkers } from '../../src/cli/args.ts'
import { UsageError } from '../../src/core/errors.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { check } from '../../src/index.ts'
import counterSpec from '../fixtures/counter.ts'

describe('option ranges', () => {
  // Found by a README audit: each of these stopped after the first states as "incomplete", or ran
  // (workers 0 and 2.5) without a word, where the CLI refuses the same values as flags.
  it('check() refuses an out-of-range limit or worker count, naming the option', async () => {
    for (const [o, line] of [
      [{ maxStates: -5 }, 'maxStates -5: expected a positive whole number, or Infinity (no limit)'],
      [{ maxStates: 0.5 }, 'maxStates 0.5: expected a positive whole number, or Infinity (no limit)'],
      [{ timeLimitSeconds: -1 }, 'timeLimitSeconds -1: expected a positive number of seconds, or Infinity (no limit)'],
      [{ workers: 2.5 }, 'workers 2.5: expected a positive whole number'],
      [{ workers: 0 }, 'workers 0: expected a positive whole number'],
    ] as const) {
      await expect(check(counterSpec, { params: { max: 20 }, ...o })).rejects.toThrow(new UsageError(line))
    }
  })

  it('refuses a bad value of every numeric option, and one that is not a number', () => {
    const bad: Record<string, readonly unknown[]> = {
      maxStates: [0, -1, 1.5, Number.NaN, -Infinity, '5'],
      maxDepth: [0, 2.5, Number.NaN],
      timeLimitSeconds: [0, -1, Number.NaN],
      stepTimeoutSeconds: [-1, Number.NaN],
      workers: [Infinity, maxWorkers() + 1, '2'],
      seed: [-1, 1.5, 2 ** 32],
      maxSteps: [0, Infinity, 1.5],
      traces: [0, Infinity, -3],
      checkpointIntervalSeconds: [-1, Number.NaN],
      memoryMiB: [0, Infinity, 0.5],
      processes: [0, 1.5, Infinity, maxWorkers() + 1],
      progressIntervalMs: [-1, Infinity],
    }
    for (const [key, values] of Object.entries(bad)) {
      for (const v of values) expect(() => resolveOptions({ [key]: v }), `${key} ${String(v)}`).toThrow(new RegExp(`^${key} `))
    }
    expect(() => resolveOptions({ maxStates: '5' as never })).toThrow(new UsageError('maxStates "5" (a string): expected a positive whole number, or Infinity (no limit)'))
    // Processes that join a server may run on many machines.
    expect(resolveOptions({ processes: maxWorkers() + 1, nats: 'nats://h:4222' }).processes).toBe(maxWorkers() + 1)
    expect(() => resolveOptions({ processes: 4097, nats: 'nats://h:4222' })).toThrow(new UsageError('processes 4097: at most 4096'))
  })

  it('takes the limits and the ends of each range, Infinity where it means no limit or never', () => {
    const good = {
      maxStates: Infinity,
      maxDepth: Infinity,
      timeLimitSeconds: Infinity,
      stepTimeoutSeconds: Infinity,
      checkpointIntervalSeconds: Infinity,
      workers: maxWorkers(),
      seed: 2 ** 32 - 1,
      maxSteps: 1,
      traces: 1,
      memoryMiB: 1,
      processes: 1,
      progressIntervalMs: 0,
    }
    expect(resolveOptions(good)).toMatchObject(good)
    expect(resolveOptions({ stepTimeoutSeconds: 0, checkpointIntervalSeconds: 0, seed: 0, timeLimitSeconds: 0.5 })).toMatchObject({ stepTimeoutSeconds: 0, checkpointIntervalSeconds: 0, seed: 0 })
  })

  it('names the option by its flag where the CLI renders it (the CLI reads its flags first)', () => {
    let thrown: unknown
    try {
      resolveOptions({ maxStates: -5 })
    } catch (e) {
      thrown = e
    }
    expect((thrown as UsageError).render(flagOf)).toBe('--max-states -5: expected a positive whole number, or Infinity (no limit)')
  })
})
