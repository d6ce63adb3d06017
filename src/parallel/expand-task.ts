/**
 * What a worker does with one task: expand a slice of the frontier through the search sink
 * (`explore/search-sink.ts`, the one every search uses), whose keeper (`Candidates`) keeps the
 * candidates for the next level and checks the open safety properties on them, and report the
 * first candidate deciding each. The same loop for either store (`TaskStore`): plain states
 * (`plainTask`, here) or packed words (`PackedTask`, `expand-packed.ts`). No thread in sight:
 * `test/parallel/expand-task.test.ts` runs it on both stores.
 */
import type { Action } from '../core/action.ts'
import { resolveOptions } from '../core/options.ts'
import { KeySoundness, THREAD_WINDOW } from '../explore/key-soundness.ts'
import { KeyedSleep } from '../explore/keyed-sleep.ts'
import type { Prepared } from '../explore/prepare.ts'
import type { SafetyTracker } from '../explore/safety-tracker.ts'
import { SearchSink, plainStore } from '../explore/search-sink.ts'
import type { Store } from '../explore/search-sink.ts'
import { withState } from '../explore/sink.ts'
import { sinkSteps, stepsOf } from '../explore/sink-steps.ts'
import type { Fingerprint } from '../state/fingerprint.ts'
import { Candidates } from './candidates.ts'
import type { CandidateStore } from './candidates.ts'
import { EdgeLog } from './edge-log.ts'
import type { ExpandResult, ExpandTask } from './protocol.ts'
import type { SharedVisited } from './shared-visited.ts'
import type { StateCodec } from './state-codec.ts'

/** How a task's states are held, read, expanded and kept (the sink's `Store`, and more); made
 * per task. */
export interface TaskStore<S, A> extends Store<S, A>, CandidateStore<S> {
  /** The state at `winner` in the task's chunk, ready to be expanded. */
  state(winner: number): S
  /** Runs the model's next on `s`, each step to `sink.step` (skipping those asleep in `sleeper`),
   * its errors naming `s`; the steps. */
  expand(s: S, sink: SearchSink<S, A>, sleeper: KeyedSleep | undefined): number
}

/** A task's sink reads no limits (the coordinator keeps them): the defaults fill its options. */
const TASK_OPTIONS = resolveOptions()

export function expandTask<S, A>(p: Prepared, visited: SharedVisited, store: TaskStore<S, A>, tracker: SafetyTracker, task: ExpandTask): ExpandResult {
  // Decides the open properties on the candidates, by candidate number in this task.
  tracker.checkOnly(task.open)
  // Liveness: every step is logged for the graph (none of this runs without it).
  const log = task.setup.edges ? new EdgeLog(p, (s) => store.plain(s as S)) : undefined
  const sleeper = task.setup.sleep ? new KeyedSleep(p) : undefined
  const cands = new Candidates(visited, task, store, tracker, sleeper)
  const sink = new SearchSink(p, TASK_OPTIONS, store, cands, tracker, log, { keeper: cands, sound: soundnessOf(p) })
  // With --debug, the keys this thread meets first go to the coordinator (`KeySoundness.merge`).
  const sound = p.debug ? soundnessOf(p) : undefined
  if (sound) sound.firsts = []
  let done = 0
  for (let k = task.from; k < task.to; k++, done++) {
    if (visited.size >= task.stopAt) break
    const w = task.winners[k] as number
    const s = store.state(w)
    if (sleeper) sleeper.sleepsAt(task.sleep as Int32Array, task.sleepOff as Int32Array, w)
    if (sink.begin(task.pos + (k - task.from), s)) sink.end(store.expand(s, sink, sleeper))
  }
  cands.flush()
  const keyFirsts = sound?.firsts && sound.firsts.length > 0 ? Int32Array.from(sound.firsts) : undefined
  if (sound) sound.firsts = undefined
  const result: ExpandResult = {
    kind: 'expanded',
    done,
    generated: sink.total,
    ...cands.fired(),
    out: cands.out,
    decisions: tracker.decided(),
    deadlockPos: cands.deadlockPos,
    ...(sleeper ? { slept: sleeper.slept } : {}),
    ...(p.constraint ? { cut: sink.cut } : {}),
    ...(keyFirsts ? { keyFirsts } : {}),
  }
  return log ? { ...result, edges: log.report() } : result
}

/** Per prepared spec on this thread (a worker's `Prepared` lives across its tasks): the check that
 * states merged by a view or symmetry agree on the properties and the constraint, over this
 * thread's first THREAD_WINDOW steps (`key-soundness.ts`), or all of them with `--debug`. */
const soundness = new WeakMap<Prepared, KeySoundness>()
function soundnessOf(p: Prepared): KeySoundness | undefined {
  if (p.model.view === undefined && !p.symmetry) return undefined
  let k = soundness.get(p)
  if (k === undefined) soundness.set(p, (k = new KeySoundness(p, p.debug, THREAD_WINDOW)))
  return k.done ? undefined : k
}

/** Plain states (`plainStore`), decoded from the task's chunk by the thread codec and encoded
 * back by it. Successors are compared with their parent's key where that pays (no view or
 * symmetry: they reuse its hashed parts, as in `plainStore`) and where the edge log needs it (it
 * tells a step to another state with that key from a stutter); under symmetry without an edge
 * log the parent's key would be one more canonical fingerprint per state, about a third more
 * than its successors' on paxos-net, to spare the inserts of the few successors in its orbit. */
export function plainTask(p: Prepared, codec: StateCodec, task: ExpandTask): TaskStore<unknown, Action> {
  const states = codec.decode(task.bytes)
  let kept: unknown[] = []
  const store = plainStore(p)
  const parentKeyed = task.setup.edges === true || (!p.symmetry && p.model.view === undefined)
  return Object.assign(store, {
    state: (winner: number) => states[winner],
    parentKey(s: unknown, out: Fingerprint): boolean {
      if (!parentKeyed) {
        try {
          p.keepParts(s)
        } catch (e) {
          throw withState(e, s)
        }
        return false
      }
      try {
        p.fingerprintParent(s, out)
      } catch (e) {
        throw withState(e, s)
      }
      return true
    },
    expand: (s: unknown, sink: SearchSink<unknown, Action>, z: KeyedSleep | undefined): number => sinkSteps(s, stepsOf(p, s, z), sink, z),
    keep: (t: unknown) => void kept.push(t),
    chunk(): Uint8Array {
      const bytes = codec.encode(kept)
      kept = []
      return bytes
    },
  })
}
