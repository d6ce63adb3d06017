/** The public API for model and spec authors. */
export type { Value, Rec } from './core/value.ts'
export type { Action } from './core/action.ts'
export { actionLabel } from './core/action.ts'
export type { Model, AnyModel, DebugCheck, Fingerprint } from './core/model.ts'
export type { StepEvent } from './core/event.ts'
export { Steps } from './core/model.ts'
export type { AlwaysOptions, Property, Predicate } from './core/property.ts'
export { always, sometimes, eventually, alwaysEventually, leadsTo } from './core/property.ts'
export type { Fairness, FairnessOf } from './core/fairness.ts'
export { weakFair, strongFair } from './core/fairness.ts'
export type { Spec, SpecDef, Expectation, Params, AnySpec } from './core/spec.ts'
export { defineSpec } from './core/spec.ts'
export type { CheckResult, PropertyResult, Trace, TraceStep, Verdict } from './core/result.ts'
export type { CheckOptions } from './core/options.ts'
export { check, prepareWorkers } from './check.ts'
export {
  setOf,
  setAdd,
  setRemove,
  setHas,
  setUnion,
  setIsSubset,
  assoc,
  mapFrom,
  ids,
  compareValues,
  valuesEqual,
} from './state/data.ts'
export type { SetOf } from './state/data.ts'
export { compareExpectation } from './core/expect.ts'
export type { ExpectationReport, Mismatch } from './core/expect.ts'
export { canonicalize, renamings, permutations, renameKeys, renameEntries, mapSet, renameOrNull } from './state/symmetry.ts'
export type { Rename } from './state/symmetry.ts'
export { fmix } from './state/fingerprint.ts'
export { schema } from './state/schema.ts'
export type { Schema } from './core/schema.ts'
export { emptyHistory, invoked, returned, linearization, isLinearizable, historySchema } from './properties/linearizability.ts'
export type { SequentialSpec, History, ThreadLog, Completed, Pending, Before } from './properties/linearizability.ts'
export { register, write, readOk, READ, WRITE_OK, registerOpSchema, registerRetSchema } from './properties/register.ts'
export type { RegisterOp, RegisterRet } from './properties/register.ts'
