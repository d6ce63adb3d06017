/** `--param` values: types from the spec's defaults, whole numbers stay whole, the model's range. */
import { describe, expect, it } from 'vitest'
import { changedParams, checkParams, validateParams } from '../../src/core/params.ts'
import { comparisonScope } from '../../src/core/expect.ts'
import { UsageError } from '../../src/core/errors.ts'
import type { AnySpec, Params } from '../../src/core/spec.ts'
import twoPhase from '../../specs/two-phase-commit.ts'
import counter from '../cli/fixtures/counter.ts'
import splitVote from '../../specs/raft-split-vote.ts'

const tpc = twoPhase as AnySpec
const cnt = counter as AnySpec

describe('validateParams', () => {
  it('parses numbers, exponents included', () => {
    expect(validateParams(tpc, { rms: '4' })).toEqual({ rms: 4 })
    expect(validateParams(cnt, { bound: '1e3' })).toEqual({ bound: 1000 })
    expect(validateParams(cnt, { bound: '+2E2' })).toEqual({ bound: 200 })
  })

  it('refuses a fraction where the default is a whole number, and what is not a number', () => {
    expect(() => validateParams(tpc, { rms: '2.5' })).toThrow(new UsageError('params rms=2.5: expected a whole number (the default is 3)'))
    expect(() => validateParams(tpc, { rms: 2.5 })).toThrow(/expected a whole number/)
    expect(() => validateParams(tpc, { rms: '1e400' })).toThrow(/params rms=1e400: expected a number/)
    expect(() => validateParams(tpc, { rms: 'many' })).toThrow(/params rms=many: expected a number/)
    expect(() => validateParams(tpc, { rms: '' })).toThrow(/expected a number/)
  })

  it("refuses a value for a parameter whose default is no number, string or boolean (a JavaScript spec's)", () => {
    const odd = { ...cnt, params: { ...cnt.params, shape: { n: 3 }, none: null } } as unknown as AnySpec
    expect(() => validateParams(odd, { shape: '3' })).toThrow(new UsageError("params shape=3: spec parameter 'shape' defaults to object, not a number, string or boolean; it cannot be set here"))
    expect(() => validateParams(odd, { none: 'x' })).toThrow(/defaults to null, not a number/)
    expect(validateParams(odd, { bound: '5' })).toEqual({ bound: 5 })
  })
})

describe('checkParams', () => {
  it("judges the value by the model's validate, naming the parameter", () => {
    expect(() => checkParams(cnt, { bound: '1e9' })).toThrow(new UsageError('params bound=1e9: spec counter: bound must be at most 10,000,000'))
    expect(() => checkParams(tpc, { rms: '0' })).toThrow(/^params rms=0: spec two-phase-commit: at least one resource manager is needed$/)
    expect(checkParams(cnt, { bound: '1e3' })).toEqual({ bound: 1000 })
  })

  it('a configuration that cannot be built (a billion node ids) is refused before the search', () => {
    expect(() => checkParams(tpc, { rms: '1e9' })).toThrow(/^params rms=1e9: spec two-phase-commit: building the configuration failed: ids\('r', 1000000000\)/)
  })
})

describe('the count-comparison rule', () => {
  it('a --param that repeats the spec’s own value changes nothing', () => {
    expect(changedParams(tpc, validateParams(tpc, { rms: '3' }))).toEqual({})
    expect(comparisonScope(tpc, { params: { rms: '3' } })).toEqual({ counts: true, lengths: true })
  })

  it('other parameters: neither counts nor counterexample lengths are compared', () => {
    expect(comparisonScope(tpc, { params: { rms: '4' } })).toEqual({ counts: false, lengths: false, why: 'parameters overridden (rms=4)' })
  })

  it('properties chosen: lengths still compared; DFS: the counts of a search run to the end (not its depth), never lengths', () => {
    expect(comparisonScope(tpc, { properties: ['TCConsistent'] })).toEqual({ counts: false, lengths: true, selected: true, why: 'properties selected' })
    expect(comparisonScope(tpc, { strategy: 'dfs' })).toEqual({ counts: true, lengths: false, wholeCountsOnly: true })
    // What stops the BFS's counts stops DFS's.
    expect(comparisonScope(tpc, { strategy: 'dfs', params: { rms: '4' } })).toEqual({ counts: false, lengths: false, why: 'parameters overridden (rms=4)' })
    expect(comparisonScope(tpc, { strategy: 'simulate' })).toEqual({ counts: false, lengths: false, why: 'strategy simulate' })
    expect(comparisonScope(tpc, { symmetry: false })).toEqual({ counts: true, lengths: true })
  })

  it('DFS with a view or a depth bound: its distinct count, not its generated one', () => {
    const dfs = { counts: true, lengths: false, wholeCountsOnly: true }
    expect(comparisonScope(tpc, { strategy: 'dfs', maxDepth: 30 })).toEqual({ ...dfs, distinctOnly: 'strategy dfs with a depth bound' })
    expect(comparisonScope(tpc, { strategy: 'dfs', maxDepth: Number.POSITIVE_INFINITY })).toEqual(dfs)
    expect(comparisonScope(splitVote as AnySpec, { strategy: 'dfs' })).toEqual({ ...dfs, distinctOnly: 'strategy dfs with a view' })
    // The BFS keeps both.
    expect(comparisonScope(splitVote as AnySpec, { maxDepth: 30 })).toEqual({ counts: true, lengths: true })
  })
})

// A new user's stray parameter drew no complaint; one given that the config reads only under
// another's value (paxos-net-livelock's `rival`, only with `leader`) changed nothing, silently.
describe('a parameter given that the config does not read', () => {
  const NOTE = /^params rival: spec paxos-net-livelock's config did not read it \(with the other parameters as given\), so it changed nothing$/

  it('is named in a warning; read, or left at its default, it is not', async () => {
    const { check } = await import('../../src/index.ts')
    const { default: livelock } = await import('../../specs/paxos-net-livelock.ts')
    const given = await check(livelock, { params: { rival: true }, maxStates: 10 })
    expect(given.warnings.filter((w) => NOTE.test(w))).toHaveLength(1)
    const read = await check(livelock, { params: { leader: true, rival: true }, maxStates: 10 })
    expect(read.warnings.filter((w) => /changed nothing/.test(w))).toEqual([])
    expect((await check(livelock, { maxStates: 10 })).warnings.filter((w) => /changed nothing/.test(w))).toEqual([])
  })

  it('counts a config that lists or spreads its parameters as reading every one', async () => {
    const { check } = await import('../../src/index.ts')
    const config = cnt.config as (p: Params) => unknown
    const spread = { ...cnt, name: 'spread', config: (p: Params) => config({ ...p }) } as AnySpec
    const r = await check(spread, { params: { bound: 2 } })
    expect(r.warnings.filter((w) => /changed nothing/.test(w))).toEqual([])
  })
})
