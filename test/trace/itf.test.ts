import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.ts'
import type { Trace } from '../../src/core/result.ts'
import { check } from '../../src/index.ts'
import type { TraceOrigin } from '../../src/trace/itf.ts'
import { readFileSync } from 'node:fs'
import { ACTION_TAKEN, NONDET_PICKS, parseItf, toItf, traceToItfJson } from '../../src/trace/itf.ts'
import { renderTraceText } from '../../src/trace/text.ts'
import { quintReadTrace } from './quint-reader.ts'
import buggy from './fixtures/buggy-two-phase-commit.ts'
import echo from './fixtures/echo.ts'

const origin = (property: string, propertyKind = 'always'): TraceOrigin => ({
  spec: 'buggy-two-phase-commit',
  specPath: 'test/trace/fixtures/buggy-two-phase-commit.ts',
  model: 'buggy-two-phase-commit',
  params: { rms: 3 },
  property,
  propertyKind,
  verdict: 'violated',
})

async function counterexample(spec: typeof buggy | typeof echo, name: string): Promise<Trace> {
  const r = await check(spec as never)
  const p = r.properties.find((x) => x.name === name)
  if (!p?.trace) throw new Error(`no trace for ${name}`)
  return p.trace
}

describe('ITF traces', () => {
  it('records origin, vars, and each step with its action label and value', async () => {
    const trace = await counterexample(buggy, 'TCConsistent')
    const itf = toItf(trace, origin('TCConsistent'))
    expect(itf['#meta']).toMatchObject({ format: 'ITF', spec: 'buggy-two-phase-commit', params: { rms: 3 }, property: 'TCConsistent', propertyKind: 'always', verdict: 'violated' })
    expect(JSON.stringify(itf['#meta'])).not.toMatch(/timestamp|"date"/i)
    expect(itf.vars).toEqual(['rmState', 'tmState', 'tmPrepared', 'msgs'])
    expect(itf.loop).toBeUndefined()
    expect(itf.states[0]?.['#meta']).toEqual({ index: 0 })
    expect(itf.states.map((s) => s['#meta'].action ?? null)).toEqual([null, 'RMPrepare(r1)', 'TMRcvPrepared(r1)', 'TMCommit', 'RMRcvCommitMsg(r1)', 'RMChooseToAbort(r2)'])
    expect(itf.states[1]?.['#meta'].actionValue).toEqual({ name: 'RMPrepare', rm: 'r1' })
  })

  it('reads back the same states and actions', async () => {
    for (const [spec, name] of [[buggy, 'TCConsistent'], [echo, 'AtMostOneAck']] as const) {
      const trace = await counterexample(spec, name)
      const stored = parseItf(traceToItfJson(trace, origin(name)))
      expect(stored.trace.steps).toEqual(trace.steps)
      expect(stored.origin).toEqual(origin(name))
      expect(stored.labels[0]).toBeNull()
    }
  })

  it('is byte-identical across two independent runs', async () => {
    const a = traceToItfJson(await counterexample(echo, 'AtMostOneAck'), origin('AtMostOneAck'))
    const b = traceToItfJson(await counterexample(echo, 'AtMostOneAck'), origin('AtMostOneAck'))
    expect(a).toBe(b)
    expect(a.endsWith('\n')).toBe(true)
    // One line per state (diff-friendly), and valid JSON.
    expect(a.split('\n').filter((l) => l.startsWith('    {"#meta":{"index"')).length).toBe(6)
    expect(() => JSON.parse(a)).not.toThrow()
  })

  it('writes a lasso with ITF loop and reads it back', () => {
    const trace: Trace = {
      steps: [
        { action: null, state: { x: 0 } },
        { action: { name: 'Inc' }, state: { x: 1 } },
        { action: { name: 'Dec' }, state: { x: 0 } },
      ],
      loopStart: 1,
    }
    const json = traceToItfJson(trace, origin('Eventually2', 'eventually'))
    expect(JSON.parse(json).loop).toBe(1)
    expect(parseItf(json).trace.loopStart).toBe(1)
  })

  it('keeps the first state key order, then later-only keys sorted; wraps non-record states', () => {
    const t: Trace = { steps: [{ action: null, state: { b: 1, a: 2 } }, { action: { name: 'X' }, state: { b: 1, a: 2, z: 0, c: 1 } }] }
    expect(toItf(t, origin('P')).vars).toEqual(['b', 'a', 'c', 'z'])
    const v: Trace = { steps: [{ action: null, state: 5 }, { action: { name: 'Inc' }, state: 6 }] }
    const itf = toItf(v, origin('P'))
    expect(itf.vars).toEqual(['state'])
    expect(parseItf(JSON.stringify(itf)).trace.steps.map((s) => s.state)).toEqual([5, 6])
  })

  it('rejects files that are not ITF traces with one-line usage errors', () => {
    expect(() => parseItf('{', 'x.json')).toThrow(UsageError)
    expect(() => parseItf('{"a":1}', 'x.json')).toThrow(/x\.json: not an ITF trace/)
    expect(() => parseItf('{"vars":[],"states":[{"x":{"#bigint":"z"}}]}', 'x.json')).toThrow(/not a valid ITF trace/)
    expect(() => parseItf('{"vars":[],"states":[],"loop":3}', 'x.json')).toThrow(/loop/)
  })

  it('reads a trace written by Quint (no actions, no origin)', () => {
    const quint = '{"#meta":{"format":"ITF","source":"bank.qnt","status":"ok","timestamp":1},"vars":["balances"],"states":[{"#meta":{"index":0},"balances":{"#map":[["alice",{"#bigint":"0"}]]}}]}'
    const stored = parseItf(quint)
    expect(stored.trace.steps).toEqual([{ action: null, state: { balances: { alice: 0 } } }])
    expect(stored.origin).toEqual({})
  })

  it("labels each step of a Quint --mbt trace from mbt::actionTaken and mbt::nondetPicks, which are not state", () => {
    // Hand-written in the shape Quint 0.33's VarStorage and toItf give (`quint run --mbt` did not start here).
    const text = readFileSync('test/trace/fixtures/quint-mbt.itf.json', 'utf8')
    expect(quintReadTrace(JSON.parse(text))).toBe(4)
    const stored = parseItf(text)
    expect(stored.vars).toEqual(['x', 'ys', 'last'])
    expect(stored.labels).toEqual([null, 'step(a)', 'step(b)', 'reset'])
    expect(stored.trace.steps.map((s) => s.action)).toEqual([null, { name: 'step', who: 'a' }, { name: 'step', who: 'b' }, { name: 'reset' }])
    expect(stored.trace.steps[2]?.state).toEqual({ x: 2, ys: ['a', 'b'], last: { tag: 'Some', value: 'b' } })
    expect(stored.trace.steps[3]?.state).toEqual({ x: 0, ys: ['a', 'b'], last: null })
    const lines = renderTraceText(stored.trace).split('\n').filter((l) => l.startsWith('Step'))
    expect(lines).toEqual(['Step 1 (initial state)', 'Step 2: step(a)', 'Step 3: step(b)', 'Step 4: reset'])
  })

  it("reads Apalache-style action_taken / nondet_picks, and says when a step records no action", () => {
    const apalache = '{"vars":["x","action_taken","nondet_picks"],"states":[{"#meta":{"index":0},"x":{"#bigint":"0"},"action_taken":"Init","nondet_picks":{}},{"#meta":{"index":1},"x":{"#bigint":"1"},"action_taken":"Inc","nondet_picks":{"by":{"tag":"Some","value":{"#bigint":"1"}}}}]}'
    expect(parseItf(apalache).labels).toEqual([null, 'Inc(1)'])
    const bare = '{"vars":["x"],"states":[{"x":{"#bigint":"0"}},{"x":{"#bigint":"1"}}]}'
    expect(renderTraceText(parseItf(bare).trace)).toContain('Step 2 (action not recorded)')
  })

  it('writes mbt::actionTaken and mbt::nondetPicks when asked, as Quint does; both readers take it back', async () => {
    const trace = await counterexample(buggy, 'TCConsistent')
    const itf = toItf(trace, origin('TCConsistent'), { mbt: true })
    expect(itf.vars.slice(-2)).toEqual([NONDET_PICKS, ACTION_TAKEN])
    expect(itf.states[0]).toMatchObject({ [ACTION_TAKEN]: 'init', [NONDET_PICKS]: { rm: { tag: 'None', value: { '#tup': [] } } } })
    expect(itf.states[1]).toMatchObject({ [ACTION_TAKEN]: 'RMPrepare', [NONDET_PICKS]: { rm: { tag: 'Some', value: 'r1' } } })
    expect(itf.states[3]).toMatchObject({ [ACTION_TAKEN]: 'TMCommit', [NONDET_PICKS]: { rm: { tag: 'None', value: { '#tup': [] } } } })
    const json = JSON.stringify(itf)
    expect(quintReadTrace(JSON.parse(json))).toBe(trace.steps.length)
    const stored = parseItf(json)
    expect(stored.vars).toEqual(['rmState', 'tmState', 'tmPrepared', 'msgs'])
    expect(stored.trace.steps).toEqual(trace.steps)
    // Without our #meta.actionValue, the actions are rebuilt from the mbt variables alone.
    const bare = JSON.parse(json) as { states: { '#meta': Record<string, unknown> }[] }
    for (const s of bare.states) s['#meta'] = { index: s['#meta'].index }
    expect(parseItf(JSON.stringify(bare)).trace.steps).toEqual(trace.steps)
  })

  it('reads a set of 150,000 elements, and refuses a value nested 20,000 deep in one line (not a stack overflow)', () => {
    const file = (x: string): string => `{"#meta":{"format":"ITF"},"vars":["x"],"states":[{"#meta":{"index":0},"x":${x}}]}`
    const big = parseItf(file(JSON.stringify({ '#set': Array.from({ length: 150_000 }, (_, i) => 150_000 - i) })), 'big.itf.json')
    const x = (big.trace.steps[0]!.state as { x: number[] }).x
    expect([x.length, x[0], x.at(-1)]).toEqual([150_000, 1, 150_000])
    const deep = '{"#tup":['.repeat(20_000) + '1' + ']}'.repeat(20_000)
    expect(() => parseItf(file(deep), 'deep.itf.json')).toThrow(new UsageError('deep.itf.json: not a valid ITF trace: a value is nested too deeply to read'))
    // A state with a variable `vars` does not list is a damaged file (replay reproduced it).
    expect(() => parseItf('{"#meta":{},"vars":["x"],"states":[{"#meta":{"index":0},"x":1,"y":2}]}', 'extra.itf.json')).toThrow(
      new UsageError('extra.itf.json: not a valid ITF trace: state 0 holds y, which "vars" does not list'),
    )
  })
})
