/**
 * The limits every explorer polls: time limit, interruption (SIGINT through an AbortSignal) and
 * progress reports; and the visited set's limits (max states, memory: the set and the liveness graph
 * recorded beside it). `poll` yields to the event loop at most every ~50 ms so signals are served.
 */
import { totalmem } from 'node:os'
import { getHeapStatistics } from 'node:v8'
import type { CheckOptions } from '../core/options.ts'
import type { StopReason } from '../core/result.ts'
import { option } from '../core/errors.ts'

export class Limits {
  private readonly start = performance.now()
  private lastYield = this.start
  private lastProgress = this.start
  private readonly budget: number
  /** Why the default memory budget stopped the search, as `poll` found it (read again at the
   * end, the heap may have been collected and the reason gone). */
  private pressure: string | undefined

  constructor(private readonly options: CheckOptions) {
    this.budget = memoryBytes(options)
  }

  /** The stop a single-threaded search's visited set calls for, checked after each expanded
   * state: `maxStates` reached, or its memory budget (`memoryBytes`) spent (`spent`). */
  full(size: number, bytes: number, graphBytes = 0): StopReason | undefined {
    if (size >= this.options.maxStates) return 'max-states'
    return this.spent(bytes, graphBytes)
  }

  /** The memory budget spent by the visited set's `bytes` and `graphBytes`, what a liveness graph
   * recorded beside the set holds (`SearchObserver.bytes`): the whole search is within it. */
  spent(bytes: number, graphBytes: number): StopReason | undefined {
    return bytes + graphBytes >= this.budget ? 'memory-limit' : undefined
  }

  elapsed(): number {
    return (performance.now() - this.start) / 1000
  }

  async poll(distinct: number, total: number, queue: number, depth: number): Promise<StopReason | undefined> {
    if (this.yieldDue()) {
      const stop = await this.yieldNow()
      if (stop) return stop
    }
    return this.pollNow(distinct, total, queue, depth)
  }

  /** Whether the search should yield to the event loop (`yieldNow`): every 50 ms. */
  yieldDue(): boolean {
    return performance.now() - this.lastYield >= 50
  }

  /** Yields to the event loop (SIGINT, progress output), then reads the machine's memory. */
  async yieldNow(): Promise<StopReason | undefined> {
    this.lastYield = performance.now()
    await new Promise((r) => setImmediate(r))
    // The machine's share is read from /proc, which costs more than a poll should, so not at
    // every poll (docs/performance.md, "Design measurements").
    this.pressure = residentPressure()
    return this.pressure !== undefined ? 'memory-limit' : undefined
  }

  /** The limits that need no yield: progress, the heap, a signal seen, the time limit. */
  pollNow(distinct: number, total: number, queue: number, depth: number): StopReason | undefined {
    const now = performance.now()
    const o = this.options
    if (o.onProgress && now - this.lastProgress >= o.progressIntervalMs) {
      this.lastProgress = now
      o.onProgress({ distinct, total, queue, depth, seconds: (now - this.start) / 1000 })
    }
    // The default memory budget (cheap enough per poll: docs/performance.md, "Design
    // measurements"): a search that would die in V8's out-of-memory abort stops, incomplete,
    // with its summary.
    this.pressure = heapPressure()
    if (this.pressure !== undefined) return 'memory-limit'
    if (o.signal?.aborted) return 'interrupted'
    if ((now - this.start) / 1000 >= o.timeLimitSeconds) return 'time-limit'
    return undefined
  }

  /** The warnings a result carries for its stop reason: for a memory limit, which budget ended
   * the search (the default one, with its reason, or `memoryMiB`, with what the liveness graph
   * took of it, `graphBytes`). Options are marked (`option`). */
  warnings(stop: StopReason | undefined, distinct: number, graphBytes = 0): string[] {
    if (stop !== 'memory-limit') return []
    if (this.pressure === undefined && this.options.memoryMiB !== undefined) return [memoryAdvice(this.options.memoryMiB, distinct, graphBytes)]
    return [`memory limit: stopped at ${distinct.toLocaleString('en-US')} states because ${this.pressure ?? 'the process neared its memory budget'}`]
  }
}

/** The search's budget in bytes (--memory), or infinity: for the visited set and a liveness graph
 * recorded beside it. Single-threaded explorers stop when the two have grown past it: honoured to
 * within one growth of the set (its table grows by half at a time) or one page of a graph column
 * (`liveness/column.ts`); the parallel engine's table is sized from it once, and its wide levels
 * add to the graph a level at a time. */
export const memoryBytes = (o: CheckOptions): number => (o.memoryMiB === undefined ? Number.POSITIVE_INFINITY : o.memoryMiB * 2 ** 20)

/** The warning of a search stopped by its memory budget: what the budget held, per state as
 * measured in this run (a table keeps free slots; the parallel one also room for each worker's
 * burst of successors), and what a liveness graph took of it (`graphBytes`, none when 0). */
export function memoryAdvice(memoryMiB: number, distinct: number, graphBytes = 0): string {
  // The budget per state, not what the set used (the summary's "visited set" line says that: a
  // single-threaded set grows by half at a time, and can end one growth past the budget). Both
  // read "bytes per state" before, with two numbers.
  const per = distinct > 0 ? ` (the budget comes to ${((memoryMiB * 2 ** 20) / distinct).toFixed(1)} bytes per state in this run)` : ''
  const graph = graphBytes > 0 ? ` and their liveness graph, which took ${(graphBytes / 2 ** 20).toFixed(1)} MiB` : ''
  return `memory limit: ${option('memoryMiB')} ${memoryMiB} MiB held the visited set of ${distinct.toLocaleString('en-US')} states${graph}${per}; raise ${option('memoryMiB')} to search further`
}

/** The share of the JS heap's limit, and of the machine's memory (or the process's cgroup
 * limit, when lower), past which a search stops by default. V8 ends a process whose heap is full
 * with an abort (exit 134, no result); the machine's memory is shared by the visited sets (off
 * the heap) and every worker thread's heap, which the resident size counts. */
const HEAP_SHARE = 0.7
const COMMITTED_SHARE = 0.75
const RESIDENT_SHARE = 0.8

/** The share of the JS heap's limit in use. */
export function heapShare(): number {
  const heap = getHeapStatistics()
  return heap.used_heap_size / heap.heap_size_limit
}

/** Why the JS heap is out of the default budget, or undefined while it is not. */
function heapPressure(): string | undefined {
  const heap = getHeapStatistics()
  // V8 gives up ("ineffective mark-compacts") when the heap it has committed nears the limit,
  // which counts room for the young generation the old one never gets, well before the live size
  // reaches it (measured: docs/performance.md, "Design measurements").
  if (heap.used_heap_size > HEAP_SHARE * heap.heap_size_limit || heap.total_heap_size > COMMITTED_SHARE * heap.heap_size_limit) {
    return `the JS heap has ${mib(heap.total_heap_size)} MiB committed (${mib(heap.used_heap_size)} MiB live) of its ${mib(heap.heap_size_limit)} MiB limit; give Node more (NODE_OPTIONS=--max-old-space-size=MiB) or lower the bounds`
  }
  return undefined
}

/** Why the process is out of the machine's share, or undefined while it is not. */
function residentPressure(): string | undefined {
  const rss = process.memoryUsage.rss()
  if (rss <= RESIDENT_SHARE * machineBytes()) return undefined
  return `the process uses ${mib(rss)} MiB, over ${Math.round(RESIDENT_SHARE * 100)}% of this machine's ${mib(machineBytes())} MiB; lower the bounds or use fewer ${option('workers')}`
}

const machineBytes = (): number => {
  const constrained = process.constrainedMemory?.() ?? 0
  return constrained > 0 ? Math.min(constrained, totalmem()) : totalmem()
}
const mib = (bytes: number): string => Math.round(bytes / 2 ** 20).toLocaleString('en-US')
