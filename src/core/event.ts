/**
 * What a step of a message-passing model is, as data: which node acts and whether it is a local
 * step, a timer, a delivery or a fault. A model built with the actor harness (src/net/actor.ts)
 * says it for each of its actions (`Model.event`); the checker stores it with each trace step and
 * in the ITF file, so the trace viewer draws lifelines from it instead of guessing from action
 * names (which it still does for models that say nothing).
 */

export type StepKind = 'local' | 'deliver' | 'drop' | 'duplicate' | 'crash' | 'restart' | 'timeout' | 'partition' | 'heal'

export const STEP_KINDS: readonly StepKind[] = ['local', 'deliver', 'drop', 'duplicate', 'crash', 'restart', 'timeout', 'partition', 'heal']

export interface StepEvent {
  readonly kind: StepKind
  /** The node that acts (the receiver of a delivery), or null for a network fault. */
  readonly node: string | null
}

