/**
 * The limits every explorer polls: time limit, interruption (SIGINT through an AbortSignal) and
 * progress reports. `poll` yields to the event loop at most every ~50 ms so signals are served.
 */
import type { CheckOptions } from '../core/options.ts'
import type { StopReason } from '../core/result.ts'

export class Limits {
  private readonly start = performance.now()
  private lastYield = this.start
  private lastProgress = this.start

  constructor(private readonly options: CheckOptions) {}

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
