/**
 * Random simulation, for models too big to enumerate: `traces` random walks of at most `maxSteps`
 * steps from a random initial state. Every state a walk visits is fingerprinted (the "states seen"
 * count) and checked once, the first time it is seen, so a violation is reported with the walk
 * that reached it.
 *
 * Reproducible from one printed line: walk k runs on its own 32-bit seed, derived from `--seed`
 * (walk 1 uses `--seed` itself, walk k+1 a mix of walk k's seed), and the note of each decided
 * property gives that seed: `--strategy simulate --seed <it> --traces 1`, with the run's overridden
 * parameters and walk length (`walkFlags`), replays the same walk.
 * A simulation never completes: undecided properties are `unknown` (stop reason 'simulation').
 */
import type { Action } from '../core/action.ts'
import { UsageError, option } from '../core/errors.ts'
import { defaultOptions } from '../core/options.ts'
import { SEED_RANGE, outsideRange } from '../core/option-ranges.ts'
import { shellWord } from '../core/shell-word.ts'
import type { CheckOptions } from '../core/options.ts'
import type { CheckResult, PropertyResult, StopReason } from '../core/result.ts'
import type { Prepared } from './prepare.ts'
import { replayOrdinals } from './replay-path.ts'
import { SafetyTracker } from './safety-tracker.ts'
import { guarded } from './step-watchdog.ts'
import { SearchSink, plainStore } from './search-sink.ts'
import { VisitedSet } from './visited-set.ts'

/** mulberry32: a small, fast, well-mixed 32-bit generator; the same seed gives the same walk everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** The seed of the walk after the one seeded with `seed`. */
export const nextSeed = (seed: number): number => rng(seed ^ 0x9e3779b9)()

/** The flags that replay one walk alone: its seed, and what else shapes it (the parameters
 * overridden, the walk's length). Without them the walk replayed on the spec's defaults, or was
 * cut at the default 100 steps before its violation. The spec, properties and output folder are
 * the run's (its `reproduce:` line names them). */
function walkFlags(options: CheckOptions, seed: number): string {
  const flags = Object.entries(options.params).map(([k, v]) => `--param ${shellWord(`${k}=${String(v)}`)}`)
  flags.push('--strategy simulate', `--seed ${seed}`, '--traces 1')
  if (options.maxSteps !== defaultOptions.maxSteps) flags.push(`--max-steps ${options.maxSteps}`)
  if (Number.isFinite(options.maxDepth)) flags.push(`--max-depth ${options.maxDepth}`)
  return flags.join(' ')
}

interface Found {
  /** Step ordinals of the walk up to the deciding state (the first is an index into init). */
  readonly path: readonly number[]
  readonly seed: number
  readonly walk: number
}

export async function simulate(p: Prepared, options: CheckOptions): Promise<CheckResult> {
  if (options.checkpoint !== undefined || options.resume !== undefined) {
    throw new UsageError(`${option('checkpoint')} and ${option('resume')} work with the BFS (${option('strategy')} bfs), not with ${option('strategy')} simulate`)
  }
  const badSeed = outsideRange(SEED_RANGE, options.seed)
  if (badSeed !== undefined) throw new UsageError(`${option('seed')} ${String(options.seed)}: ${badSeed}`)
  const seen = new VisitedSet()
  const tracker = new SafetyTracker(p)
  // A walk keeps its own path (the parent links are not read): a state's first walk is reported.
  const sink = new SearchSink<unknown, Action>(p, options, plainStore(p), seen, tracker)
  const found = new Map<number, Found>()
  /** The walk that found the deadlock, kept apart from `found`: a property decided in the same
   * state keeps the walk that decided it. (One map for both gave the state to the later walk,
   * the one that expanded it and found no step: a property violated by walk 1 at the end of its
   * length was reported, seed and trace, as found by walk 2.) */
  let deadlockFound: Found | undefined
  const inits = p.initStates()
  const steps = Math.max(0, Math.min(options.maxSteps, options.maxDepth - 1))
  let longest = 0
  let stop: StopReason | undefined
  let decidedEarly = false
  let seed = options.seed >>> 0
  let walk = 0
  /** Remembers the walk that decided something at state `idx` (new, or known: < 0). */
  const decidedBy = (open: number, idx: number, path: readonly number[]): number => {
    if (tracker.open !== open) found.set(idx, { path: [...path], seed, walk })
    return idx < 0 ? -idx - 1 : idx
  }

  // The walks run in synchronous stretches between yields to the event loop (a generator that
  // pauses where a yield is due), each under the step watchdog (step-watchdog.ts).
  let yielded: StopReason | undefined
  /** The limits, and a pause for a yield when one is due; the yield's stop, if any. */
  const poll = function* (queue: number, depth: number): Generator<void, StopReason | undefined> {
    const now = sink.pollNow(queue, depth)
    if (now || !sink.limits.yieldDue()) return now
    yield
    return yielded
  }
  const run = function* (): Generator<void, void> {
    walks: for (walk = 1; walk <= options.traces; walk++, seed = nextSeed(seed)) {
      const random = rng(seed)
      const first = random() % inits.length
      const path = [first]
      let state = inits[first]
      let idx = decidedBy(tracker.open, sink.init(state, first), path)
      let length = 1
      for (let k = 0; k < steps && !tracker.allDecided(); k++) {
        if (!sink.begin(idx, state, false)) break
        const succ = p.expand(state)
        if (succ.length === 0) {
          const before = tracker.deadlockAt
          sink.end(0)
          if (tracker.deadlockAt !== before) deadlockFound = { path: [...path], seed, walk }
          break
        }
        const ord = random() % succ.length
        const [a, t] = succ[ord]
        path.push(ord)
        idx = decidedBy(tracker.open, sink.step(a, t, ord), path)
        state = t
        length++
        // A long walk is no excuse to ignore a stop: poll every 64 steps, as between walks.
        if ((k & 63) === 63 && (stop = yield* poll(0, Math.max(longest, length)))) break
      }
      if (length > longest) longest = length
      if (stop) break
      if (tracker.allDecided()) {
        decidedEarly = true
        break
      }
      stop = sink.full()
      if (stop) break
      stop = yield* poll(0, longest)
      if (stop) break walks
    }
  }
  const walking = run()
  for (;;) {
    let over = false
    guarded(options.stepTimeoutSeconds, sink.modelName, () => sink.expanding(), () => {
      over = walking.next().done === true
    })
    if (over) break
    yielded = await sink.limits.yieldNow()
  }

  const traceOf = (f: Found) => ({ steps: replayOrdinals(p, f.path.map((ordinal) => ({ ordinal }))) })
  const result = sink.result({
    // (The deadlock's state may be a property's: its trace is replaced below by its own walk's.)
    traceTo: (i) => traceOf((found.get(i) ?? deadlockFound)!),
    stopReason: stop ?? (decidedEarly ? undefined : 'simulation'),
    decidedEarly,
    depth: longest,
    queuePeak: 0,
    strategy: 'simulate',
    // Walks meet a state again and again: no count of distinct states cut.
    cut: undefined,
  })
  const decidedAt = (r: PropertyResult): Found | undefined => {
    if (r.kind === 'deadlock') return deadlockFound
    const i = tracker.decidedAt[p.safety.findIndex((s) => s.name === r.name)]
    return i !== undefined && i >= 0 ? found.get(i) : undefined
  }
  const properties = result.properties.map((r): PropertyResult => {
    const f = decidedAt(r)
    if (f) {
      const trace = r.kind === 'deadlock' && found.has(tracker.deadlockAt) ? { trace: traceOf(f) } : {}
      return { ...r, ...trace, note: `${r.note ? `${r.note}; ` : ''}walk ${f.walk}; reproduce with ${walkFlags(options, f.seed)}` }
    }
    if (r.verdict === 'unknown') {
      const walks = Math.min(walk, options.traces)
      return { ...r, note: `not decided by ${walks} random walk${walks === 1 ? '' : 's'} (a simulation proves nothing)` }
    }
    return r
  })
  return { ...result, properties }
}
