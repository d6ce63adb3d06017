/**
 * `interleave/testing`: assertions for users' regression tests (vitest, or any runner: they only
 * return promises and throw `SpecAssertionError`s).
 */
export { expectSpec } from './expect-spec.ts'
export type { ExpectSpecOptions, SpecAssertions, StateCounts } from './expect-spec.ts'
export { expectTrace } from './expect-trace.ts'
export type { ExpectTraceOptions, TraceAssertions } from './expect-trace.ts'
export { SpecAssertionError } from './failure.ts'
export { stateSpace } from './state-space.ts'
