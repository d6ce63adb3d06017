/**
 * Closes a level: keeps, for every state first reached in it, the candidate of the earliest parent
 * (the one the sequential BFS keeps), orders the next frontier as the sequential BFS would, and
 * decides the level's verdict events in that same order, so counts, verdicts and counterexamples
 * equal the single-threaded oracle's.
 *
 * The sequential BFS checks, after each state of the level (expanded or cut by the constraint): every
 * property decided → stop (`decidedEarly`); then visited ≥ max states → stop. Both stopping points
 * are recomputed here from the winners' parent positions; a level cut inside a slice has that
 * slice's prefix re-expanded on this thread to count its generated steps exactly.
 */
import type { StopReason } from '../core/result.ts'
import { KeyedSleep } from '../explore/keyed-sleep.ts'
import type { Prepared, Step } from '../explore/prepare.ts'
import type { SafetyTracker } from '../explore/safety-tracker.ts'
import { coverageOf as cov } from '../explore/sink.ts'
import type { Coverage } from '../explore/sink.ts'
import type { StateCodec } from './state-codec.ts'
import type { FrontierChunk } from './frontier.ts'
import type { OutChunk } from './protocol.ts'
import type { LevelRun, SliceResult } from './run-level.ts'
import type { SharedVisited } from './shared-visited.ts'
import { eventKey, replayLevel } from './level-verdicts.ts'

export interface LevelClose {
  readonly next: FrontierChunk[]
  /** Visited-set index of each next-frontier state, by position. */
  readonly nextIns: Int32Array
  readonly generated: number
  /** With sleep sets: the steps skipped (as `generated`, up to a cut). */
  readonly slept: number
  /** States of the level the constraint cut (as `generated`, up to a cut). */
  readonly cut: number
  readonly stop: StopReason | undefined
  readonly decidedEarly: boolean
}

interface Event {
  /** (parent position, ordinal + 1); a deadlock sorts before its parent's successors (ordinal + 1 = 0). */
  readonly key: number
  readonly ins: number
  readonly out?: OutChunk
  readonly cand?: number
}

export interface CloseInput {
  readonly p: Prepared
  readonly visited: SharedVisited
  readonly tracker: SafetyTracker
  readonly codec: StateCodec
  readonly coverage: Map<string, Coverage>
  /** Index of each state of the level being closed, by frontier position. */
  readonly levelIns: Int32Array
  readonly width: number
  /** States known before the level (its first new state's index). */
  readonly levelStart: number
  readonly maxStates: number
}

export function closeLevel(c: CloseInput, run: LevelRun): LevelClose {
  const { visited } = c
  const slices = run.slices

  // Winners: the candidate whose parent position is still the state's link. Same-parent
  // duplicates never became candidates, so there is exactly one per new state.
  const winnerChunks: { out: OutChunk; slice: SliceResult; winners: Int32Array }[] = []
  let winners = 0
  const need = c.maxStates - c.levelStart
  let maxStatesParent = -1
  for (const s of slices) {
    for (const o of s.res.out) {
      const w = new Int32Array(o.n)
      let k = 0
      for (let i = 0; i < o.n; i++) {
        const ins = o.ins[i]
        if (visited.linkOf(ins) !== o.pos[i]) continue
        visited.setOrdinal(ins, o.ord[i])
        w[k++] = i
        winners++
        if (winners === need) maxStatesParent = o.pos[i]
      }
      if (k > 0) winnerChunks.push({ out: o, slice: s, winners: w.slice(0, k) })
    }
  }
  // Already at the limit (the initial states filled it): the sequential BFS stops after the
  // level's first state, expanded or cut by the constraint (it checks after either).
  if (need <= 0) maxStatesParent = 0

  // Verdict events in the sequential BFS's order, up to the max-states cut.
  const events: Event[] = []
  const seen = new Set<number>()
  for (const s of slices) {
    if (s.res.deadlockPos >= 0) events.push({ key: eventKey(s.res.deadlockPos, -1), ins: c.levelIns[s.res.deadlockPos] })
    let base = 0
    let oi = 0
    for (const d of [...s.res.decisions].sort((a, b) => a.cand - b.cand)) {
      while (d.cand >= base + s.res.out[oi].n) base += s.res.out[oi++].n
      const out = s.res.out[oi]
      const ins = out.ins[d.cand - base]
      if (seen.has(ins)) continue
      seen.add(ins)
      events.push({ key: eventKey(visited.linkOf(ins), visited.ordinal(ins)), ins, out, cand: d.cand - base })
    }
  }
  const decoded = new Map<OutChunk, unknown[]>()
  const { cut, stop, decidedEarly } = replayLevel(
    events,
    c.tracker,
    maxStatesParent,
    (ev) => {
      if (ev.out === undefined) c.tracker.deadlock(ev.ins)
      else {
        let states = decoded.get(ev.out)
        if (!states) decoded.set(ev.out, (states = c.codec.decode(ev.out.bytes)))
        c.tracker.check(states[ev.cand!], ev.ins)
      }
    },
    run.end < c.width ? { stop: run.halted ?? 'interrupted', last: run.end - 1 } : undefined,
  )

  // Counts, coverage and the next frontier, up to the cut if there is one.
  let generated = 0
  let slept = 0
  let cutStates = 0
  for (const s of slices) {
    const last = s.start + s.res.done - 1
    if (cut >= 0 && s.start > cut) break
    if (cut >= 0 && last > cut) {
      const again = reexpand(c, s, cut)
      generated += again.generated
      slept += again.slept
      cutStates += again.cut
      break
    }
    generated += s.res.generated
    slept += s.res.slept ?? 0
    cutStates += s.res.cut ?? 0
    s.res.names.forEach((name, i) => cov(c.coverage, name).fired += s.res.fired[i])
  }
  const next: FrontierChunk[] = []
  // Every winner fits (at most all of them are kept); coverage is counted per chunk, then named.
  const nextIns = new Int32Array(winners)
  let kept = 0
  for (const wc of winnerChunks) {
    const { out } = wc
    const names = wc.slice.res.names
    const found = new Float64Array(names.length)
    let k = 0
    for (; k < wc.winners.length; k++) {
      const i = wc.winners[k]
      if (cut >= 0 && out.pos[i] > cut) break
      nextIns[kept++] = out.ins[i]
      found[out.act[i]]++
    }
    for (let a = 0; a < names.length; a++) if (found[a] > 0) cov(c.coverage, names[a]).discovered += found[a]
    if (k > 0) next.push({ bytes: out.bytes, winners: k === wc.winners.length ? wc.winners : wc.winners.slice(0, k), pos: kept - k, sleep: out.sleep, sleepOff: out.sleepOff })
    if (k < wc.winners.length) break
  }
  // Links become parent indices: the chain that rebuilds counterexamples.
  for (let j = 0; j < kept; j++) {
    const ins = nextIns[j]
    visited.setParent(ins, c.levelIns[visited.linkOf(ins)], visited.ordinal(ins))
  }
  return { next, nextIns: kept === winners ? nextIns : nextIns.slice(0, kept), generated, slept, cut: cutStates, stop, decidedEarly }
}

/** Re-expands a slice's states up to frontier position `cut` on this thread: generated steps and
 * fired actions, and with sleep sets the steps skipped, exactly. */
function reexpand(c: CloseInput, s: SliceResult, cut: number): { generated: number; slept: number; cut: number } {
  const t = s.task
  const states = c.codec.decode(t.bytes)
  const z = t.sleep && t.sleepOff ? new KeyedSleep(c.p) : undefined
  let generated = 0
  let cutStates = 0
  for (let k = t.from; k < t.from + s.res.done; k++) {
    const pos = t.pos + (k - t.from)
    if (pos > cut) break
    const w = t.winners[k] as number
    const st = states[w]
    if (c.p.constraint && !c.p.constraint(st)) {
      cutStates++
      continue
    }
    if (z) z.sleepsAt(t.sleep as Int32Array, t.sleepOff as Int32Array, w)
    const steps = z ? z.expand(st) : c.p.expand(st)
    for (let i = 0; i < steps.length; i++) {
      if (z?.asleep(i)) continue
      generated++
      cov(c.coverage, c.p.coverageName((steps[i] as Step)[0])).fired++
    }
  }
  return { generated, slept: z?.slept ?? 0, cut: cutStates }
}
