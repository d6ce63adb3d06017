/**
 * The fingerprint on its own: every reachable state of TwoPhase.tla, plain data and the same
 * states converted to Immutable.js, hashed with nothing cached ("cold": deep copies, as states
 * arriving from another thread are) and with the top-level parts cached as the BFS does.
 */
import { Map as IMap, Set as ISet } from 'immutable'
import { twoPhaseCommit } from '../models/two-phase-commit.ts'
import type { State } from '../models/two-phase-commit.ts'
import { ids } from '../src/state/data.ts'
import { compileSchemaHasher, fingerprint, fp, rememberFingerprintParts } from '../src/state/fingerprint.ts'

function reachable(n: number): State[] {
  const c = { rms: ids('r', n) }
  const seen = new Set<string>()
  const all: State[] = []
  let frontier = [...twoPhaseCommit.init(c)]
  for (const s of frontier) {
    fingerprint(s)
    seen.add(`${fp.hi}:${fp.lo}`)
    all.push(s)
  }
  while (frontier.length > 0) {
    const next: State[] = []
    for (const s of frontier) {
      for (const [, t] of twoPhaseCommit.next(c, s)) {
        fingerprint(t)
        const k = `${fp.hi}:${fp.lo}`
        if (seen.has(k)) continue
        seen.add(k)
        next.push(t)
        all.push(t)
      }
    }
    frontier = next
  }
  return all
}

const toImmutable = (s: State) => ({
  rmState: IMap(s.rmState),
  tmState: s.tmState,
  tmPrepared: ISet(s.tmPrepared),
  msgs: ISet(s.msgs.map((m) => IMap(m))),
})

function best(states: readonly unknown[], rounds: number, remember: boolean, hash: (s: unknown) => void = fingerprint): number {
  let bestNs = Number.POSITIVE_INFINITY
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage()
    for (const s of states) {
      hash(s)
      if (remember) rememberFingerprintParts()
    }
    const t = process.cpuUsage(t0)
    bestNs = Math.min(bestNs, ((t.user + t.system) * 1000) / states.length)
  }
  return bestNs
}

export function fingerprintBench(n: number): { form: string; states: number; coldNs: number; cachedNs: number }[] {
  const plain = reachable(n)
  const copies = () => plain.map((s) => structuredClone(s))
  const imm = () => plain.map(toImmutable)
  const coldPlain = Math.min(...[0, 1, 2, 3, 4].map(() => best(copies(), 1, false)))
  const coldImm = Math.min(...[0, 1, 2, 3, 4].map(() => best(imm(), 1, false)))
  const schemaHash = compileSchemaHasher(twoPhaseCommit.schema!({ rms: ids('r', n) }))
  const coldSchema = Math.min(...[0, 1, 2, 3, 4].map(() => best(copies(), 1, false, schemaHash)))
  const p = copies()
  best(p, 1, true)
  const ps = copies()
  best(ps, 1, true, schemaHash)
  const i = imm()
  best(i, 1, true)
  return [
    { form: 'plain data, generic', states: plain.length, coldNs: coldPlain, cachedNs: best(p, 5, true) },
    { form: 'plain data, schema-compiled', states: plain.length, coldNs: coldSchema, cachedNs: best(ps, 5, true, schemaHash) },
    { form: 'Immutable.js', states: plain.length, coldNs: coldImm, cachedNs: best(i, 5, true) },
  ]
}
