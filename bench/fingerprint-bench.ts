/**
 * The fingerprint on its own: every reachable state of TwoPhase.tla, plain data and the same
 * states converted to Immutable.js, hashed with nothing cached ("cold": deep copies, as states
 * arriving from another thread are); and every successor of every reachable state, hashed as the
 * BFS hashes them: after fingerprinting the parent and remembering its parts' hashes, so parts a
 * successor shares with its parent (same object) are not walked again ("parts cached").
 */
import { Map as IMap, Set as ISet } from 'immutable'
import { twoPhaseCommit } from '../models/two-phase-commit.ts'
import { twoPhaseCommitImmutable } from './models/two-phase-commit-immutable.ts'
import type { State } from '../models/two-phase-commit.ts'
import { ids } from '../src/state/data.ts'
import { compileSchemaHasher, fingerprint, recordFingerprintParts, rememberFingerprintParts } from '../src/state/fingerprint.ts'
import { reachable } from './reachable-2pc.ts'

const toImmutable = (s: State) => ({
  rmState: IMap(s.rmState),
  tmState: s.tmState,
  tmPrepared: ISet(s.tmPrepared),
  msgs: ISet(s.msgs.map((m) => IMap(m))),
})

function best(states: readonly unknown[], rounds: number, hash: (s: unknown) => void = fingerprint): number {
  let bestNs = Number.POSITIVE_INFINITY
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage()
    for (const s of states) hash(s)
    const t = process.cpuUsage(t0)
    bestNs = Math.min(bestNs, ((t.user + t.system) * 1000) / states.length)
  }
  return bestNs
}

/** ns per successor: parents hashed and their parts remembered, then their successors; the
 * same loop without the successors is timed too and subtracted. */
function bestSuccessors(parents: readonly unknown[], succ: readonly (readonly unknown[])[], rounds: number, hash: (s: unknown) => void = fingerprint): number {
  let n = 0
  for (const l of succ) n += l.length
  const time = (withSuccessors: boolean): number => {
    const t0 = performance.now()
    for (let i = 0; i < parents.length; i++) {
      recordFingerprintParts()
      hash(parents[i])
      rememberFingerprintParts()
      if (withSuccessors) for (const t of succ[i]!) hash(t)
    }
    return performance.now() - t0
  }
  let bestNs = Number.POSITIVE_INFINITY
  for (let r = 0; r < rounds; r++) bestNs = Math.min(bestNs, ((time(true) - time(false)) * 1e6) / n)
  return bestNs
}

export function fingerprintBench(n: number): { form: string; states: number; coldNs: number; cachedNs: number }[] {
  const c = { rms: ids('r', n) }
  const plain = reachable(n)
  const copies = () => plain.map((s) => structuredClone(s))
  const imm = () => plain.map(toImmutable)
  const coldPlain = Math.min(...[0, 1, 2, 3, 4].map(() => best(copies(), 1)))
  const coldImm = Math.min(...[0, 1, 2, 3, 4].map(() => best(imm(), 1)))
  const schemaHash = compileSchemaHasher(twoPhaseCommit.schema!(c))
  const coldSchema = Math.min(...[0, 1, 2, 3, 4].map(() => best(copies(), 1, schemaHash)))
  const succ = plain.map((s) => [...twoPhaseCommit.next(c, s)].map(([, t]) => t))
  const immParents = imm()
  const immSucc = immParents.map((s) => [...twoPhaseCommitImmutable.next(c, s as never)].map(([, t]) => t))
  return [
    { form: 'plain data, generic', states: plain.length, coldNs: coldPlain, cachedNs: bestSuccessors(plain, succ, 5) },
    { form: 'plain data, schema-compiled', states: plain.length, coldNs: coldSchema, cachedNs: bestSuccessors(plain, succ, 5, schemaHash) },
    { form: 'Immutable.js', states: plain.length, coldNs: coldImm, cachedNs: bestSuccessors(immParents, immSucc, 5) },
  ]
}
