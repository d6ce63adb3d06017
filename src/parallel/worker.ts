/**
 * A worker thread's task runner: re-imports the spec module by URL (functions do not cross
 * threads), or takes it from the bundle it was built into (`worker-bundle.ts`), prepares it exactly
 * as the coordinator did, attaches to the shared visited set and runs tasks. `boot.mjs` feeds it
 * tasks, under our own pool or piscina.
 * Errors go back as data: a model error names the action and the state; nothing is thrown across.
 */
import { ModelError, UsageError, errorMessage, marked } from '../core/errors.ts'
import { isSpec } from '../core/spec.ts'
import type { Prepared } from '../explore/prepare.ts'
import { prepareWith } from './spec-options.ts'
import { codecFor } from './codec.ts'
import type { StateCodec } from './state-codec.ts'
import { PackedTask } from './expand-packed.ts'
import { expandTask, plainTask } from './expand-task.ts'
import { SafetyTracker } from '../explore/safety-tracker.ts'
import { packedRuntimeOf, packedTracker } from '../packed/packed-bfs.ts'
import type { Task, TaskResult, WorkerSetup } from './protocol.ts'
import { SharedVisited } from './shared-visited.ts'
import type { VisitedHandles } from './shared-visited.ts'

let setupId: string | undefined
let prepared: Promise<Prepared> | undefined
let visited: SharedVisited | undefined
let visitedGen = -1
let visitedTable: SharedArrayBuffer | undefined

function setUp(setup: WorkerSetup): Promise<Prepared> {
  if (!prepared || setupId !== setup.runId) {
    setupId = setup.runId
    prepared = load(setup)
  }
  return prepared
}

/** Spec modules bundled with this code (`worker-bundle.ts`), by URL: no import needed. */
const provided = new Map<string, unknown>()
export function provideSpec(url: string, spec: unknown): void {
  provided.set(url, spec)
}

async function load(setup: WorkerSetup): Promise<Prepared> {
  let mod: { default?: unknown }
  try {
    mod = provided.has(setup.specUrl) ? { default: provided.get(setup.specUrl) } : ((await import(setup.specUrl)) as { default?: unknown })
  } catch (e) {
    throw new UsageError(`a worker thread cannot load the spec ${setup.specUrl}: ${errorMessage(e).split('\n')[0]}`)
  }
  if (!isSpec(mod.default)) throw new UsageError(`${setup.specUrl}: its default export is not a spec`)
  return prepareWith(mod.default, setup)
}

const codecs = new WeakMap<Prepared, StateCodec>()
function codecOf(p: Prepared): StateCodec {
  let c = codecs.get(p)
  if (!c) codecs.set(p, (c = codecFor(p)))
  return c
}

function attach(h: VisitedHandles): SharedVisited {
  if (!visited || visitedGen !== h.gen || visitedTable !== h.table || !visited.sees(h)) {
    visited = SharedVisited.attach(h)
    visitedGen = h.gen
    visitedTable = h.table
  }
  return visited
}

export async function runTask(task: Task): Promise<TaskResult> {
  try {
    const p = await setUp(task.setup)
    if (task.kind === 'ping') return { kind: 'pong' }
    // A packed model's words are expanded as words; plain states cross through `codecFor`'s codec.
    const rt = packedRuntimeOf(p)
    const shared = attach(task.visited)
    if (rt) return expandTask(p, shared, new PackedTask(p, rt, task), packedTracker(p, rt), task)
    return expandTask(p, shared, plainTask(p, codecOf(p), task), new SafetyTracker(p), task)
  } catch (e) {
    const error = e instanceof ModelError ? 'model' : e instanceof UsageError ? 'usage' : 'internal'
    const message = error === 'internal' && e instanceof Error && e.stack ? e.stack : marked(e)
    return { kind: 'failed', error, message }
  }
}

/** What boot.mjs posts results with (the bundle exports it from here too). */
export { transferables } from './protocol.ts'
