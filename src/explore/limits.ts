/**
 * The limits every explorer polls: time limit, interruption (SIGINT through an AbortSignal) and
 * progress reports; and the visited set's limits (max states, memory). `poll` yields to the event loop at most every ~50 ms so signals are served.
 */
import type { CheckOptions } from '../core/options.ts'
import type { StopReason } from '../core/result.ts'

export class Limits {
  private readonly start = performance.now()
  private lastYield = this.start
  private lastProgress = this.start
  private readonly budget: number

  constructor(private readonly options: CheckOptions) {
    this.budget = memoryBytes(options)
  }

  /** The stop a single-threaded search's visited set calls for, checked after each expanded
   * state: `maxStates` reached, or its memory budget (`memoryBytes`) spent. */
  full(size: number, bytes: number): StopReason | undefined {
    if (size >= this.options.maxStates) return 'max-states'
    if (bytes >= this.budget) return 'memory-limit'
    return undefined
  }

  elapsed(): number {
    return (performance.now() - this.start) / 1000
  }

  async poll(distinct: number, total: number, queue: number, depth: number): Promise<StopReason | undefined> {
    const now = performance.now()
    const o = this.options
    if (o.onProgress && now - this.lastProgress >= o.progressIntervalMs) {
      this.lastProgress = now
      o.onProgress({ distinct, total, queue, depth, seconds: (now - this.start) / 1000 })
    }
    if (now - this.lastYield >= 50) {
      this.lastYield = now
      await new Promise((r) => setImmediate(r))
    }
    if (o.signal?.aborted) return 'interrupted'
    if ((now - this.start) / 1000 >= o.timeLimitSeconds) return 'time-limit'
    return undefined
  }
}

/** The visited set's budget in bytes (--memory), or infinity. Single-threaded explorers stop
 * when their set has grown past it: honoured to within one growth of the set (its table grows
 * by half at a time). */
export const memoryBytes = (o: CheckOptions): number => (o.memoryMiB === undefined ? Number.POSITIVE_INFINITY : o.memoryMiB * 2 ** 20)

/** The warning of a search stopped by its memory budget: what the budget held, per state as
 * measured in this run (a table keeps free slots; the parallel one also room for each worker's
 * burst of successors). */
export function memoryAdvice(memoryMiB: number, distinct: number): string {
  const per = distinct > 0 ? ` (${((memoryMiB * 2 ** 20) / distinct).toFixed(1)} bytes per state in this run)` : ''
  return `memory limit: --memory ${memoryMiB} MiB held the visited set of ${distinct.toLocaleString('en-US')} states${per}; raise --memory to search further`
}

/** The warnings a result carries for its stop reason. */
export const stopWarnings = (o: CheckOptions, stop: StopReason | undefined, distinct: number): string[] =>
  stop === 'memory-limit' && o.memoryMiB !== undefined ? [memoryAdvice(o.memoryMiB, distinct)] : []
