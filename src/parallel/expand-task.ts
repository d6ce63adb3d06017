/**
 * What a worker does with one task: expand a slice of the frontier, insert every successor into
 * the shared visited set, keep the candidates for the next level, check the open safety
 * properties on them and report the first candidate deciding each. No thread in sight, so it is
 * tested directly.
 */
import { ModelError, errorMessage } from '../core/errors.ts'
import type { Prepared } from '../explore/prepare.ts'
import { SafetyTracker } from '../explore/safety-tracker.ts'
import { withState } from '../explore/sink.ts'
import { fp } from '../state/fingerprint.ts'
import type { StateCodec } from './state-codec.ts'
import type { ExpandResult, ExpandTask, OutChunk } from './protocol.ts'
import type { SharedVisited } from './shared-visited.ts'
import { EdgeLog } from './edge-log.ts'

export function expandTask(p: Prepared, visited: SharedVisited, codec: StateCodec, task: ExpandTask): ExpandResult {
  const states = codec.decode(task.bytes)
  const names: string[] = []
  const nameIds = new Map<string, number>()
  const fired: number[] = []
  const out: OutChunk[] = []
  // Decides the open properties on the candidates, by candidate number in this task.
  const tracker = new SafetyTracker(p)
  tracker.checkOnly(task.open)
  let outBase = 0
  let buf = newBuffer()
  let generated = 0
  let deadlockPos = -1
  let done = 0
  // Liveness: every step is logged for the graph (none of this runs without it).
  const log = task.setup.edges ? new EdgeLog(p) : undefined

  const flush = (): void => {
    if (buf.n === 0) return
    out.push({
      bytes: codec.encode(buf.states),
      n: buf.n,
      ins: Int32Array.from(buf.ins),
      pos: Int32Array.from(buf.pos),
      ord: Uint16Array.from(buf.ord),
      act: Uint16Array.from(buf.act),
    })
    outBase += buf.n
    buf = newBuffer()
  }

  for (let k = task.from; k < task.to; k++, done++) {
    if (visited.size >= task.stopAt) break
    const s = states[task.winners[k]]
    const pos = task.pos + (k - task.from)
    if (p.constraint && !callConstraint(p, s)) {
      log?.cut()
      continue
    }
    let steps
    let shi = 0
    let slo = 0
    try {
      // Cache the hashes of the parent's parts: its successors share most of them.
      p.fingerprintParent(s)
      shi = fp.hi
      slo = fp.lo
      steps = p.expand(s)
    } catch (e) {
      throw withState(e, s)
    }
    if (steps.length === 0 && p.deadlock && deadlockPos < 0) deadlockPos = pos
    log?.begin()
    for (let i = 0; i < steps.length; i++) {
      const [a, t] = steps[i]
      generated++
      let id = nameIds.get(a.name)
      if (id === undefined) {
        id = names.length
        names.push(a.name)
        nameIds.set(a.name, id)
        fired.push(0)
      }
      fired[id]++
      // A step back to the state itself (a stuttering step) is a duplicate: the parent is known.
      if (t === s) continue
      try {
        p.fingerprintOf(t, a)
      } catch (e) {
        throw withState(e, s)
      }
      if (fp.hi === shi && fp.lo === slo) {
        log?.toParent(s, a, i, t)
        continue
      }
      const idx = visited.insertCandidate(fp.hi, fp.lo, pos, task.levelStart)
      log?.step(a, i, t, idx < 0 ? visited.met : idx, idx >= 0)
      if (idx < 0) continue
      const n = buf.n++
      buf.states.push(t)
      buf.ins.push(idx)
      buf.pos.push(pos)
      buf.ord.push(i)
      buf.act.push(id)
      try {
        tracker.check(t, outBase + n)
      } catch (e) {
        throw withState(e, t)
      }
      if (buf.n === task.chunkSize) flush()
    }
    log?.end()
  }
  flush()
  const result: ExpandResult = { kind: 'expanded', done, generated, names, fired, out, decisions: tracker.decided(), deadlockPos }
  return log ? { ...result, edges: log.report() } : result
}

/** Plain arrays, typed once per output chunk: four typed arrays per task were most of a narrow
 * level's cost (figures: docs/performance.md, "Design measurements"). */
interface Buffer {
  n: number
  states: unknown[]
  ins: number[]
  pos: number[]
  ord: number[]
  act: number[]
}

const newBuffer = (): Buffer => ({ n: 0, states: [], ins: [], pos: [], ord: [], act: [] })

function callConstraint(p: Prepared, s: unknown): boolean {
  try {
    return p.constraint!(s)
  } catch (e) {
    throw withState(new ModelError(`the spec's constraint threw: ${errorMessage(e)}`), s)
  }
}
