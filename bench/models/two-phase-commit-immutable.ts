/**
 * TwoPhase.tla written with Immutable.js collections, for the bench only: the same state graph as
 * models/two-phase-commit.ts (the bench checks the counts are equal), to measure what
 * Immutable.js costs against plain data. rmState is an Immutable.Map, tmPrepared and msgs are
 * Immutable.Sets, messages are Immutable.Maps (value equality inside sets).
 */
import { Map as IMap, Set as ISet } from 'immutable'
import { Steps, always, defineSpec, ids } from '../../src/index.ts'
import type { Model } from '../../src/index.ts'

interface Config {
  readonly rms: readonly string[]
}
type Msg = IMap<string, string>
interface State {
  readonly rmState: IMap<string, string>
  readonly tmState: string
  readonly tmPrepared: ISet<string>
  readonly msgs: ISet<Msg>
}
type Action = { readonly name: string; readonly rm?: string }

const COMMIT: Msg = IMap({ type: 'Commit' })
const ABORT: Msg = IMap({ type: 'Abort' })
const prepared = (rm: string): Msg => IMap({ type: 'Prepared', rm })

const tmRcvPrepared = (s: State, rm: string): State | null =>
  s.tmState === 'init' && s.msgs.has(prepared(rm)) ? { ...s, tmPrepared: s.tmPrepared.add(rm) } : null
const tmCommit = (c: Config, s: State): State | null =>
  s.tmState === 'init' && s.tmPrepared.size === c.rms.length ? { ...s, tmState: 'committed', msgs: s.msgs.add(COMMIT) } : null
const tmAbort = (s: State): State | null => (s.tmState === 'init' ? { ...s, tmState: 'aborted', msgs: s.msgs.add(ABORT) } : null)
const rmPrepare = (s: State, rm: string): State | null =>
  s.rmState.get(rm) === 'working' ? { ...s, rmState: s.rmState.set(rm, 'prepared'), msgs: s.msgs.add(prepared(rm)) } : null
const rmChooseToAbort = (s: State, rm: string): State | null =>
  s.rmState.get(rm) === 'working' ? { ...s, rmState: s.rmState.set(rm, 'aborted') } : null
const rmRcvCommitMsg = (s: State, rm: string): State | null => (s.msgs.has(COMMIT) ? { ...s, rmState: s.rmState.set(rm, 'committed') } : null)
const rmRcvAbortMsg = (s: State, rm: string): State | null => (s.msgs.has(ABORT) ? { ...s, rmState: s.rmState.set(rm, 'aborted') } : null)

export const twoPhaseCommitImmutable: Model<Config, State, Action> = {
  name: 'two-phase-commit-immutable',
  init: (c) => [{ rmState: IMap(c.rms.map((rm) => [rm, 'working'])), tmState: 'init', tmPrepared: ISet(), msgs: ISet() }],
  next(c, s) {
    const out = new Steps<Action, State>()
    out.add({ name: 'TMCommit' }, tmCommit(c, s))
    out.add({ name: 'TMAbort' }, tmAbort(s))
    for (const rm of c.rms) {
      out.add({ name: 'TMRcvPrepared', rm }, tmRcvPrepared(s, rm))
      out.add({ name: 'RMPrepare', rm }, rmPrepare(s, rm))
      out.add({ name: 'RMChooseToAbort', rm }, rmChooseToAbort(s, rm))
      out.add({ name: 'RMRcvCommitMsg', rm }, rmRcvCommitMsg(s, rm))
      out.add({ name: 'RMRcvAbortMsg', rm }, rmRcvAbortMsg(s, rm))
    }
    return out.list
  },
  properties: [
    always('TCConsistent', (c, s) => !(c.rms.some((rm) => s.rmState.get(rm) === 'committed') && c.rms.some((rm) => s.rmState.get(rm) === 'aborted'))),
  ],
}

export default defineSpec({
  name: 'two-phase-commit-immutable',
  model: twoPhaseCommitImmutable,
  params: { rms: 3 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
})
