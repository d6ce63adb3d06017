/** Model-based testing: run a model's behaviours against a real implementation (see target.ts). */
export type { MbtTarget, AnyTarget, Divergence } from './target.ts'
export { checkImplementation, replayActions } from './check-implementation.ts'
export type { MbtResult, RandomOptions } from './check-implementation.ts'
export { exploreImplementation } from './exhaustive.ts'
export type { ExhaustiveOptions } from './exhaustive.ts'
export { assertImplementation, assertImplementationExhaustive, formatMbtResult, ImplementationDivergence } from './report.ts'
export { runActions, byChoices, byLabels } from './run-actions.ts'
export type { RunOutcome, Picker } from './run-actions.ts'
