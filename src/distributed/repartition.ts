/**
 * A distributed run's checkpoint, written over M processes, re-partitioned for N (`--resume DIR
 * --processes N`). Ownership is the fingerprint's high word modulo the number of processes
 * (`ownerOf`), so most states change owner; the coordinator moves them here, in memory, before
 * any worker starts, and hands each (fresh) worker its new partition as if the checkpoint had
 * been written over N.
 *
 * What a state's identity depends on, and what moves with it:
 * - a local index (a state's position in its owner's store) only names it: the states of old
 *   partition 0, then 1, ..., each in its local order, are appended to their new owners, so
 *   every old (owner, local) gets a new one;
 * - parent links are (owner, local) pairs: remapped through that table; an initial state's
 *   (-1, -1) stays;
 * - the frontier keeps each state's global rank (its position in the sequential BFS's level,
 *   independent of N); each new owner's part is sorted by rank, as a worker expands it;
 * - the coordinator's verdict references (`refOf`: local × N + owner) of properties decided, and
 *   of a deadlock found, before the checkpoint are remapped the same way.
 * Nothing else depends on N (counts, levels, coverage, ranks), so the resumed search is the one an
 * uninterrupted run would have gone on with: same counts, verdicts and counterexamples (rebuilt
 * from the remapped parent links and replayed, each state's fingerprint checked).
 *
 * Cost: linear in the checkpoint's states (one pass to number them, one to fill the new columns,
 * 24 bytes of memory per state besides the checkpoint), plus decoding and re-encoding the
 * frontier's states (packed words are copied, not decoded). Measured figures in
 * docs/distributed.md.
 */
import { UsageError, option } from '../core/errors.ts'
import { refOf } from './merge-level.ts'
import type { PartStates, Pick } from './part-states.ts'
import type { LevelStart, PartSnapshot, Resumable } from './process-checkpoint.ts'
import { ownerOf } from './wire.ts'
import { sleepColumns } from './columns.ts'

/** `r`'s partitions and state references for `n` processes; `dir` names the checkpoint in errors. */
export function repartition(r: Resumable, n: number, states: PartStates, dir: string): Resumable {
  const m = r.parts.length
  const refuse = (why: string): never => {
    throw new UsageError(`${option('resume')} ${dir}: ${why}; refusing to resume from it`)
  }
  // Each old state's index in its new owner's partition.
  const counts = new Int32Array(n)
  const newLocal = r.parts.map((part, k) => {
    const out = new Int32Array(part.levelStart)
    for (let i = 0; i < part.levelStart; i++) {
      const hi = part.hi[i]
      if (ownerOf(hi, m) !== k) refuse(`partition ${k} holds state ${i}, which partition ${ownerOf(hi, m)} owns`)
      out[i] = counts[ownerOf(hi, n)]++
    }
    return out
  })
  const cols = Array.from(counts, (c) => ({ hi: new Int32Array(c), lo: new Int32Array(c), po: new Int32Array(c), pl: new Int32Array(c), ord: new Int32Array(c) }))
  r.parts.forEach((part, k) => {
    const nl = newLocal[k]
    for (let i = 0; i < part.levelStart; i++) {
      const c = cols[ownerOf(part.hi[i], n)]
      const j = nl[i]
      c.hi[j] = part.hi[i]
      c.lo[j] = part.lo[i]
      c.ord[j] = part.ord[i]
      const po = part.po[i]
      const pl = part.pl[i]
      if (po < 0) {
        c.po[j] = -1
        c.pl[j] = -1
      } else {
        if (po >= m || pl < 0 || pl >= r.parts[po].levelStart) refuse(`partition ${k}'s state ${i} has a parent link out of range (${po}, ${pl})`)
        c.po[j] = ownerOf(r.parts[po].hi[pl], n)
        c.pl[j] = newLocal[po][pl]
      }
    }
  })

  // The frontier: each state to its new owner, in rank order there.
  const picks = Array.from({ length: n }, () => [] as (Pick & { rank: number; local: number; sleep: ArrayLike<number> | undefined })[])
  r.parts.forEach((part, k) => {
    const list = states.decode(part.states)
    if (list.length !== part.ranks.length || part.locals.length !== part.ranks.length) refuse(`partition ${k} has ${list.length} frontier states for ${part.ranks.length} ranks`)
    if (part.sleepOff && part.sleep && (part.sleepOff.length !== part.ranks.length + 1 || part.sleepOff[part.ranks.length] !== part.sleep.length)) {
      refuse(`partition ${k} has ${part.sleepOff.length - 1} sleep sets for ${part.ranks.length} frontier states`)
    }
    for (let f = 0; f < part.ranks.length; f++) {
      const old = part.locals[f]
      if (old < 0 || old >= part.levelStart) refuse(`partition ${k}'s frontier names state ${old} of ${part.levelStart}`)
      const sleep = part.sleepOff && part.sleep ? part.sleep.subarray(part.sleepOff[f], part.sleepOff[f + 1]) : undefined
      picks[ownerOf(part.hi[old], n)].push({ list, i: f, rank: part.ranks[f], local: newLocal[k][old], sleep })
    }
  })
  const withSleep = r.parts.some((part) => part.sleepOff !== undefined)
  const parts = cols.map((c, o): PartSnapshot => {
    const mine = picks[o].sort((a, b) => a.rank - b.rank)
    return {
      levelStart: c.hi.length,
      ...c,
      states: states.encodePicked(mine),
      ranks: Int32Array.from(mine, (x) => x.rank),
      locals: Int32Array.from(mine, (x) => x.local),
      // Sleep sets (`--por`) move with their states.
      ...(withSleep ? (([sleepOff, sleep]) => ({ sleepOff, sleep }))(sleepColumns(mine.map((x) => x.sleep ?? []))) : {}),
    }
  })

  const remap = (ref: number): number => {
    if (ref < 0) return ref
    const k = ref % m
    const i = Math.floor(ref / m)
    if (i >= r.parts[k].levelStart) refuse(`a decided property's state (${k}, ${i}) is not in its partition`)
    return refOf(ownerOf(r.parts[k].hi[i], n), newLocal[k][i], n)
  }
  const start: LevelStart = { ...r.start, decidedAt: r.start.decidedAt.map(remap), deadlockAt: remap(r.start.deadlockAt) }
  // The liveness graph numbers states by global BFS rank: the same over any number of processes.
  return { start, parts, ...(r.graph ? { graph: r.graph } : {}) }
}
