/**
 * Exhaustive model-based testing up to a depth: every transition of the model's state graph
 * within `depth` steps of an initial state is run against the implementation, each on a fresh
 * implementation along a shortest path to its source state. The transitions are found by the
 * checker's own BFS (`explore/bfs.ts`, as an observer of its sink, as the DOT export is): one
 * search core, so the model's steps are found, fingerprinted and deduplicated exactly as `check`
 * does (its errors name the action and the state), and the path to a state is its parent chain.
 * With `dedupe: 'none'`, every action sequence up to `depth` is run instead (exponential; for
 * tiny models or small depths), and the first divergence found is a shortest failing sequence:
 * a walk over the tree of sequences, which no visited set allows, so it keeps its own loop.
 *
 * Deduplicating by model state assumes the implementation's behaviour depends only on the model
 * state it corresponds to. An implementation with hidden state (a counter the model lacks) can
 * fail only along some paths to a state: such a bug is found along another path if at all, so
 * the reported sequence may be longer than the shortest one (the 2PC example shows this: 5 steps
 * instead of 4, because the model's self-loop TMRcvPrepared(r1) is not expanded twice). Random
 * mode and `dedupe: 'none'` do not have this blind spot.
 */
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import { UsageError } from '../core/errors.ts'
import { resolveOptions } from '../core/options.ts'
import { defineSpec } from '../core/spec.ts'
import type { AnySpec } from '../core/spec.ts'
import { bfs } from '../explore/bfs.ts'
import { prepare } from '../explore/prepare.ts'
import type { SearchObserver } from '../explore/search-sink.ts'
import { VisitedSet } from '../explore/visited-set.ts'
import type { MbtResult } from './check-implementation.ts'
import { wholeAtLeast } from './check-implementation.ts'
import { byChoices, runActions } from './run-actions.ts'
import type { Picker } from './run-actions.ts'
import type { AnyTarget, Divergence } from './target.ts'
import { refuseIncompleteTarget } from './target.ts'
import { unreproduced } from './unreproduced.ts'

export interface ExhaustiveOptions {
  /** Longest sequence to run, in steps. */
  readonly depth: number
  /** 'model-state' (default): each transition once; 'none': every sequence. */
  readonly dedupe?: 'model-state' | 'none'
  /** Refuse (throw) past this many sequences (default 100,000). */
  readonly maxRuns?: number
}

export async function exploreImplementation(target: AnyTarget, options: ExhaustiveOptions): Promise<MbtResult> {
  refuseIncompleteTarget('exploreImplementation', target)
  if (options.depth === undefined) throw new UsageError('exploreImplementation: depth is required (the longest sequence to run, in steps)')
  wholeAtLeast('exploreImplementation', 'depth', options.depth, 0)
  wholeAtLeast('exploreImplementation', 'maxRuns', options.maxRuns, 1)
  // (Another value ran the default mode without a word.)
  if (options.dedupe !== undefined && options.dedupe !== 'model-state' && options.dedupe !== 'none') {
    throw new UsageError(`exploreImplementation: dedupe ${String(options.dedupe)}: expected 'model-state' or 'none'`)
  }
  const maxRuns = options.maxRuns ?? 100_000
  const tooMany = (): Error => new Error(`exhaustive model-based testing: more than ${maxRuns} sequences within depth ${options.depth} (raise maxRuns, lower depth, or use random mode)`)
  if ((options.dedupe ?? 'model-state') === 'none') return everySequence(target, options, maxRuns, tooMany)

  // The runs, in the BFS's discovery order: each distinct initial state (`ordinal` -1), then each
  // step from a state less than `depth` steps deep, stuttering ones included (u, its ordinal).
  // At most maxRuns + 1 are recorded: the first maxRuns are run, and one more means too many, as
  // when each was run as soon as it was found (a divergence among the first maxRuns is reported).
  const from: number[] = []
  const ordinals: number[] = []
  const visited = new VisitedSet()
  const enough = new Error('enough runs')
  const runs: SearchObserver = {
    visited,
    found(_s, idx, root) {
      if (root) add(idx, -1)
    },
    seenAgain() {},
    begin() {},
    cut() {},
    step(u, _s, _a, ordinal) {
      add(u, ordinal)
    },
    toSelf(u, _s, _a, ordinal) {
      add(u, ordinal)
    },
    end() {},
    finish() {},
  }
  const add = (u: number, ordinal: number): void => {
    from.push(u)
    ordinals.push(ordinal)
    if (from.length > maxRuns) throw enough
  }
  // By model state: the model's own states, not its view's classes (a view may merge states the
  // implementation tells apart), and no symmetry.
  const { view: _view, ...model } = target.model
  const spec = defineSpec({ name: target.model.name, model, config: target.config }) as AnySpec
  const o = resolveOptions({ symmetry: false })
  const p = prepare(spec, o)
  try {
    // `maxDepth` counts states, as TLC's depth does: `depth` steps pass through depth + 1 of them.
    const r = await bfs({ ...p, safety: [], liveness: [], deadlock: false, reported: 0 }, { ...o, maxStates: Infinity, maxDepth: options.depth + 1 }, runs)
    if (r.stopReason !== undefined && r.stopReason !== 'max-depth') {
      throw new Error(`exhaustive model-based testing: the search of the model's states within depth ${options.depth} stopped (${r.stopReason}) after ${from.length} sequences`)
    }
  } catch (e) {
    if (e !== enough) throw e
  }

  let steps = 0
  for (let r = 0; r < Math.min(from.length, maxRuns); r++) {
    // The path to the step's source state: its initial state's index and the choices after it.
    const chain = visited.pathTo(from[r] as number)
    const choices = chain.slice(1).map((idx) => visited.ordinal(idx))
    const ordinal = ordinals[r] as number
    if (ordinal >= 0) choices.push(ordinal)
    const o = await runActions(target, visited.ordinal(chain[0] as number), byChoices(choices))
    steps += o.actions.length
    if (!o.ok) return failure(target, o, byChoices(choices))
  }
  if (from.length > maxRuns) throw tooMany()
  return { ok: true, mode: 'exhaustive', runs: from.length, steps }
}

/** Every action sequence up to `depth`, breadth first (the first failure is a shortest one). */
async function everySequence(target: AnyTarget, options: ExhaustiveOptions, maxRuns: number, tooMany: () => Error): Promise<MbtResult> {
  const { model, config } = target
  type Node = { readonly state: unknown; readonly init: number; readonly path: readonly number[] }
  let frontier: Node[] = (model.init(config) as unknown[]).map((state, init) => ({ state, init, path: [] }))
  let runs = 0
  let steps = 0
  for (const node of frontier) {
    const o = await runActions(target, node.init, byChoices([]))
    runs++
    if (!o.ok) return failure(target, o, byChoices([]))
  }
  for (let d = 0; d < options.depth && frontier.length > 0; d++) {
    const next: Node[] = []
    for (const node of frontier) {
      const succ = [...model.next(config, node.state)]
      for (let k = 0; k < succ.length; k++) {
        const path = [...node.path, k]
        if (++runs > maxRuns) throw tooMany()
        const o = await runActions(target, node.init, byChoices(path))
        steps += o.actions.length
        if (!o.ok) return failure(target, o, byChoices(path))
        next.push({ state: (succ[k] as readonly [Action, unknown])[1], init: node.init, path })
      }
    }
    frontier = next
  }
  return { ok: true, mode: 'exhaustive', runs, steps }
}

/** A failing run as the result, once replayed on a fresh implementation (`unreproduced.ts`). */
async function failure(target: AnyTarget, o: Divergence, pick: Picker): Promise<MbtResult> {
  const nondeterministic = await unreproduced(target, o, pick)
  return { ...o, ok: false, mode: 'exhaustive', labels: o.actions.map(actionLabel), ...(nondeterministic ? { nondeterministic } : {}) }
}
