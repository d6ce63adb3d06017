/**
 * Binds the in-memory 2PC (`transaction.ts`) to the TwoPhase.tla port (models/two-phase-commit.ts)
 * for model-based testing: each model action becomes a method call, and both sides are projected
 * to what a client could observe — each participant's state, the coordinator's state, the voters
 * it counted, the messages on the network, and whether it would commit now.
 */
import type { Action, Config, State } from '../../models/two-phase-commit.ts'
import { twoPhaseCommit } from '../../models/two-phase-commit.ts'
import { setOf } from '../../src/index.ts'
import type { Value } from '../../src/index.ts'
import type { MbtTarget } from '../../src/mbt/index.ts'
import type { Options } from './transaction.ts'
import { TwoPhaseCommit } from './transaction.ts'

function apply(sys: TwoPhaseCommit, a: Action): void {
  switch (a.name) {
    case 'TMCommit':
      return sys.tm.commit()
    case 'TMAbort':
      return sys.tm.abort()
    case 'TMRcvPrepared':
      return sys.tm.receive({ type: 'Prepared', rm: a.rm })
    case 'RMPrepare':
      return sys.rm(a.rm).prepare()
    case 'RMChooseToAbort':
      return sys.rm(a.rm).abort()
    case 'RMRcvCommitMsg':
      return sys.rm(a.rm).receive({ type: 'Commit' })
    case 'RMRcvAbortMsg':
      return sys.rm(a.rm).receive({ type: 'Abort' })
  }
}

/** The model's side: `canCommit` is TMCommit's enabling condition. */
function observeModel(c: Config, s: State): Value {
  return {
    rmState: s.rmState,
    tmState: s.tmState,
    tmPrepared: s.tmPrepared,
    msgs: s.msgs,
    canCommit: s.tmState === 'init' && s.tmPrepared.length === c.rms.length,
  }
}

function observeImpl(sys: TwoPhaseCommit): Value {
  const rmState: Record<string, string> = {}
  for (const [id, p] of sys.participants) rmState[id] = p.state
  return {
    rmState,
    tmState: sys.tm.state,
    tmPrepared: setOf(...sys.tm.preparedVoters()),
    msgs: setOf<Value>(...sys.net.messages()),
    canCommit: sys.tm.canCommit(),
  }
}

export function twoPhaseCommitTarget(rms: readonly string[], options: Options = {}): MbtTarget<Config, State, Action, TwoPhaseCommit> {
  const config: Config = { rms }
  return {
    model: twoPhaseCommit,
    config,
    create: () => new TwoPhaseCommit(rms, options),
    apply,
    observeModel: (s) => observeModel(config, s),
    observeImpl,
  }
}
