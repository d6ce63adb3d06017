/**
 * The workers' one loop (`expandTask`) over either store: a packed model's frontier slice expanded
 * as plain states (`plainTask`) and as words (`PackedTask`) gives the same task result: counts,
 * action numbering, candidates in order, decisions. That is what lets the coordinator close
 * either store's levels alike.
 */
import { describe, expect, it } from 'vitest'
import { loadSpecFile } from '../../src/cli/load-spec.ts'
import { resolveOptions } from '../../src/core/options.ts'
import { prepare } from '../../src/explore/prepare.ts'
import type { Prepared } from '../../src/explore/prepare.ts'
import { SafetyTracker } from '../../src/explore/safety-tracker.ts'
import { SPOT_CHECKS, spotChecksOf } from '../../src/explore/sleep-sets.ts'
import { packedRuntimeOf, packedTracker } from '../../src/packed/packed-bfs.ts'
import { msgpackCodec, wordsCodec } from '../../src/parallel/codec.ts'
import { PackedTask } from '../../src/parallel/expand-packed.ts'
import { expandTask, plainTask } from '../../src/parallel/expand-task.ts'
import type { ExpandResult, ExpandTask } from '../../src/parallel/protocol.ts'
import { SharedVisited } from '../../src/parallel/shared-visited.ts'
import type { StateCodec } from '../../src/parallel/state-codec.ts'
import { specOptionsOf } from '../../src/parallel/spec-options.ts'

/** The distinct states at `depth` steps from the initial ones, by the plain interface. */
function levelAt(p: Prepared, depth: number): unknown[] {
  const seen = new Set<string>()
  const fresh = (s: unknown): boolean => !seen.has(JSON.stringify(s)) && seen.add(JSON.stringify(s)) !== undefined
  let level = p.initStates().filter(fresh)
  for (let d = 0; d < depth; d++) level = level.flatMap((s) => p.expand(s).map(([, t]) => t)).filter(fresh)
  return level
}

/** `res` with its candidates' chunks decoded, for comparing across stores. */
const readable = (res: ExpandResult, codec: StateCodec) => ({
  ...res,
  out: res.out.map((o) => ({ ...o, bytes: codec.decode(o.bytes), ins: [...o.ins], pos: [...o.pos], ord: [...o.ord], act: [...o.act] })),
})

describe('expandTask', () => {
  it('gives the same result on plain states and on words', async () => {
    const { spec } = await loadSpecFile('specs/two-phase-commit-packed.ts')
    const options = resolveOptions({ params: { rms: '3' } })
    const p = prepare(spec, options)
    const rt = packedRuntimeOf(p)!
    const states = levelAt(p, 4)
    expect(states.length).toBeGreaterThan(20)
    const plain = msgpackCodec()
    const words = wordsCodec(rt)
    const run = (codec: StateCodec, store: 'plain' | 'words'): ExpandResult => {
      const visited = SharedVisited.create(1 << 12, 1 << 12, true)
      const task: ExpandTask = {
        kind: 'expand',
        setup: { runId: 'test', specUrl: 'unused', ...specOptionsOf(p, options) },
        visited: visited.handles(),
        bytes: codec.encode(states),
        winners: Int32Array.from(states.keys()),
        from: 0,
        to: states.length,
        pos: 0,
        levelStart: 0,
        open: p.safety.map((_, i) => i),
        stopAt: 1 << 12,
        // Small, so that several chunks are filled.
        chunkSize: 7,
      }
      return store === 'plain'
        ? expandTask(p, visited, plainTask(p, codec, task), new SafetyTracker(p), task)
        : expandTask(p, visited, new PackedTask(p, rt, task), packedTracker(p, rt), task)
    }
    const a = readable(run(plain, 'plain'), plain)
    const b = readable(run(words, 'words'), words)
    expect(a.out.length).toBeGreaterThan(2)
    expect(a.done).toBe(states.length)
    expect(b).toEqual(a)
    // Each candidate's action number names the action of the step that made it (its parent's
    // `ord`-th step), and `fired` counts each action's steps: what the coordinator reads.
    for (const o of a.out) {
      o.act.forEach((k, n) => {
        const [action, t] = p.expand(states[o.pos[n] as number])[o.ord[n] as number]!
        expect(a.names[k]).toBe(action.name)
        expect(o.bytes[n]).toEqual(t)
      })
    }
    const fired = new Map<string, number>()
    for (const s of states) for (const [action] of p.expand(s)) fired.set(action.name, (fired.get(action.name) ?? 0) + 1)
    expect(a.names.map((name, i) => [name, a.fired[i]])).toEqual([...fired])
  })
})

describe('expandTask with partial-order reduction', () => {
  it("draws every task's spot checks from its thread's one budget per run, not a new one per task", async () => {
    // A worker's `Prepared` lives across the tasks of a run: the first SPOT_CHECKS pairs the
    // reduction relies on are checked once per thread, as on one thread. Made per task, the
    // budget was spent again in every slice of every level (14% of the workers' CPU on
    // paxos-net with 2 attempts, symmetry and --por on 2 workers).
    const { spec } = await loadSpecFile('specs/two-phase-commit-net.ts')
    const options = resolveOptions({ por: true })
    const p = prepare(spec, options)
    const states = levelAt(p, 3)
    expect(states.length).toBeGreaterThan(4)
    const codec = msgpackCodec()
    const visited = SharedVisited.create(1 << 12, 1 << 12, true)
    const task = (from: number, to: number): ExpandTask => ({
      kind: 'expand',
      setup: { runId: 'test', specUrl: 'unused', ...specOptionsOf(p, options), sleep: true },
      visited: visited.handles(),
      bytes: codec.encode(states),
      winners: Int32Array.from(states.keys()),
      from,
      to,
      pos: from,
      levelStart: 0,
      open: [],
      stopAt: 1 << 12,
      chunkSize: 64,
      // No state sleeps on arrival: the checks are of the pairs the expansion puts asleep in its
      // new successors.
      sleep: new Int32Array(0),
      sleepOff: new Int32Array(states.length + 1),
    })
    const budget = spotChecksOf(p).pairs
    const half = states.length >> 1
    expandTask(p, visited, plainTask(p, codec, task(0, half)), new SafetyTracker(p), task(0, half))
    const afterFirst = budget.remaining
    expect(afterFirst).toBeLessThan(SPOT_CHECKS)
    expandTask(p, visited, plainTask(p, codec, task(half, states.length)), new SafetyTracker(p), task(half, states.length))
    expect(budget.remaining).toBeLessThan(afterFirst)
  })
})
