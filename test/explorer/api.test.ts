/**
 * The explorer's JSON API without a browser or a socket: path decoding, the enabled steps and
 * their diffs, property values, bad paths (400), and ITF traces turned into paths.
 */
import { describe, expect, it } from 'vitest'
import type { AnySpec } from '../../src/core/spec.ts'
import { always, check, defineSpec } from '../../src/index.ts'
import type { ApiAnswer } from '../../src/explorer/api.ts'
import { handleApi } from '../../src/explorer/api.ts'
import { PathError, parsePath } from '../../src/explorer/path.ts'
import type { StateView } from '../../src/explorer/session.ts'
import { ExplorerSession } from '../../src/explorer/session.ts'
import type { TraceMatch } from '../../src/explorer/trace-match.ts'
import { traceToItfJson } from '../../src/trace/itf.ts'
import twoStarts, { twoStarts as twoStartsModel } from './fixtures/two-starts.ts'
import loops from '../cli/fixtures/counter-loops.ts'

const spec = twoStarts as AnySpec
const session = new ExplorerSession(spec, {}, 'test/explorer/fixtures/two-starts.ts')
const get = (url: string, s = session): ApiAnswer => handleApi(s, 'GET', new URL(url, 'http://127.0.0.1'))
const state = (path: string): StateView => {
  const a = get(`/api/state?path=${path}`)
  expect(a.status, JSON.stringify(a.body)).toBe(200)
  return a.body as StateView
}
const error = (a: ApiAnswer): string => (a.body as { error: string }).error

describe('explorer paths', () => {
  it('decodes step indices joined by dots, and refuses anything else', () => {
    expect(parsePath('')).toEqual([])
    expect(parsePath('0')).toEqual([0])
    expect(parsePath('0.3.12')).toEqual([0, 3, 12])
    for (const bad of ['a', '0..1', '0.', '.0', '-1', '0.1e2', '0,1', '1234567']) {
      expect(() => parsePath(bad), bad).toThrow(PathError)
    }
  })
})

describe('explorer API', () => {
  it('describes the spec: effective parameters and every initial state', () => {
    const a = get('/api/info')
    expect(a.status).toBe(200)
    expect(a.body).toMatchObject({ spec: 'two-starts', model: 'two-starts', params: { max: 3 }, file: 'test/explorer/fixtures/two-starts.ts' })
    expect((a.body as { inits: unknown[] }).inits).toEqual([
      { index: 0, path: '0', summary: '{x: 0, tag: a}' },
      { index: 1, path: '1', summary: '{x: 2, tag: b}' },
    ])
    const four = new ExplorerSession(spec, { max: '4' })
    expect((get('/api/info', four).body as { params: unknown }).params).toEqual({ max: 4 })
    // The spec's description is written for its own parameters: under others it says so.
    const described = { ...spec, description: 'counts to 3' }
    expect((get('/api/info', new ExplorerSession(described, { max: '3' })).body as { description: string }).description).toBe('counts to 3')
    expect((get('/api/info', new ExplorerSession(described, { max: '4' })).body as { description: string }).description).toBe('counts to 3 (as the spec describes it; here with max=4)')
  })

  it('a model step that never returns answers that request with a model error; the server goes on', () => {
    const stuck = new ExplorerSession(loops, {}, undefined, 1)
    const a = get('/api/state?path=0.0.0', stuck)
    expect(a.status).toBe(500)
    expect(a.body).toEqual({ error: 'model error: model counter: a step, a property or the constraint did not return within 1 s at this path' })
    expect(get('/api/state?path=0.0', stuck).status).toBe(200)
    // A property that answers no boolean is an error there too, as check reads it (not "violated").
    const forgetful = { ...loops, name: 'forgetful', model: { ...loops.model, properties: [always('Forgot', (() => undefined) as never)] } }
    expect(get('/api/state?path=0', new ExplorerSession(forgetful)).body).toEqual({ error: 'model error: model counter: property Forgot returned undefined, not a boolean' })
  })

  it('lists the enabled steps in next order, each with its diff and path', () => {
    const s0 = state('0')
    expect(s0.trail).toEqual([{ index: 0, label: 'Init #0' }])
    expect(s0.steps).toEqual([{ index: 0, label: 'Inc', action: { name: 'Inc' }, changes: ['x: 0 → 1'] }])
    expect(s0.changes).toEqual([])
    const s1 = state('1')
    expect(s1.steps.map((s) => [s.index, s.label, s.changes])).toEqual([
      [0, 'Inc', ['x: 2 → 3']],
      [1, 'Reset', ['x: 2 → 0']],
    ])
  })

  it('follows a path: trail, changed variables, property values, the constraint', () => {
    const s = state('0.0.0.0')
    expect(s.path).toBe('0.0.0.0')
    expect(s.trail).toEqual([
      { index: 0, label: 'Init #0' },
      { index: 0, label: 'Inc' },
      { index: 0, label: 'Inc' },
      { index: 0, label: 'Inc' },
    ])
    expect(s.variables).toEqual([
      { name: 'x', value: '3', changed: true },
      { name: 'tag', value: 'a', changed: false },
    ])
    expect(s.changes).toEqual(['x: 2 → 3'])
    expect(s.properties.map((p) => [p.name, p.status, p.checked])).toEqual([
      ['Small', 'violated', true],
      ['Top', 'reached', true],
      ['Zero', 'false', false],
      ['BackToZero', 'false', false],
    ])
    expect(s.outsideConstraint).toBe(true)
    expect(s.steps.map((x) => x.label)).toEqual(['Reset'])
    const back = state('0.0.0.0.0')
    expect(back.properties.map((p) => p.status)).toEqual(['holds', 'not-here', 'true', 'true'])
    expect(back.outsideConstraint).toBe(false)
  })

  // Path 0 then step 0 forever cycles Inc, Inc, Inc, Reset: a path as long as the limit allows.
  const cycle = (steps: number): string => `0${'.0'.repeat(steps)}`
  const bytes = (body: unknown): number => Buffer.byteLength(JSON.stringify(body))

  it("answers a long path in size linear in its length: the path once, not each trail entry's", () => {
    const at = (n: number): number => bytes(state(cycle(n)))
    // Twice the steps is at most twice the bytes (the rest of the answer is the same size); a
    // path per trail entry made it four times (10,000 steps: ~100 MB).
    const [n, twice] = [at(1000), at(2000)]
    expect(twice).toBeLessThanOrEqual(2 * n)
    expect(at(10_000)).toBeLessThan(40 * 10_000)
    const long = state(cycle(10_000))
    expect([long.path, long.trail.length, long.trail[10_000]]).toEqual([cycle(10_000), 10_001, { index: 0, label: 'Reset' }])
  })

  it('answers a path written with leading zeros in its normal form', () => {
    const s = state('00.000.0')
    expect([s.path, s.trail.map((t) => t.index)]).toEqual(['0.0.0', [0, 0, 0]])
    expect(s.variables[0]).toEqual({ name: 'x', value: '2', changed: true })
    expect(error(get('/api/state?path=00.01'))).toBe('path 0.1: step 1 has no action 1 (the state has 1 enabled, 0 to 0)')
  })

  it('answers 400 with one line for a path that does not parse or names a missing step', () => {
    const cases: [string, RegExp][] = [
      ['0.1', /^path 0\.1: step 1 has no action 1 \(the state has 1 enabled, 0 to 0\)$/],
      ['2', /^path 2: there is no initial state 2 \(the spec has 2 initial states, numbered from 0\)$/],
      ['zz', /^path 'zz': expected step indices joined by dots/],
      ['', /choose an initial state first/],
    ]
    for (const [path, message] of cases) {
      const a = get(`/api/state?path=${path}`)
      expect(a.status, path).toBe(400)
      expect(error(a)).toMatch(message)
      expect(error(a)).not.toContain('\n')
    }
    expect(get('/api/state').status).toBe(400)
  })

  it('answers 500 with a one-line model error when a property throws', () => {
    const boom = (): boolean => {
      throw new Error('boom')
    }
    const throwing = defineSpec({
      name: 'throwing',
      model: { ...twoStartsModel, properties: [always('Breaks', (_c, s: { x: number }) => (s.x > 0 ? boom() : true))] },
      params: { max: 3 },
      config: (p) => ({ max: p.max as number }),
    }) as AnySpec
    const s = new ExplorerSession(throwing)
    expect(get('/api/state?path=0', s).status).toBe(200)
    const a = get('/api/state?path=0.0', s)
    expect(a.status).toBe(500)
    expect(error(a)).toMatch(/^model error: model two-starts: property Breaks threw: boom \(at boom \(.*api\.test\.ts:\d+\)\)$/)
    expect(error(a)).not.toContain('\n')
  })

  it("shows a state where the model's next throws, with the error in place of its steps", () => {
    const throwing = defineSpec({
      name: 'next-throws',
      model: {
        ...twoStartsModel,
        next: (c: { max: number }, s: { x: number }) => {
          if (s.x > 0) throw new Error('boom')
          return twoStartsModel.next(c as never, s as never)
        },
      },
      params: { max: 3 },
      config: (p) => ({ max: p.max as number }),
    }) as AnySpec
    const s = new ExplorerSession(throwing)
    const a = get('/api/state?path=0.0', s)
    expect(a.status).toBe(200)
    const v = a.body as StateView
    expect([v.steps, v.variables.length > 0]).toEqual([[], true])
    expect(v.stepsError).toMatch(/^model two-starts: next threw: boom .*in state /)
  })

  it('answers 404 for another URL and 405 for another method', () => {
    expect(get('/api/nothing').status).toBe(404)
    expect(handleApi(session, 'POST', new URL('http://127.0.0.1/api/state?path=0')).status).toBe(405)
    expect(get('/api/trace').status).toBe(405)
  })
})

describe('explorer API: loading an ITF trace', () => {
  const origin = { spec: 'two-starts', model: 'two-starts', params: { max: 3 }, property: 'Small', propertyKind: 'always', verdict: 'violated' }
  const post = (body: string, s = session): ApiAnswer => handleApi(s, 'POST', new URL('http://127.0.0.1/api/trace?name=t.itf.json'), body)

  it('turns a counterexample written by check into explorer paths, one per state', async () => {
    const r = await check(spec)
    const trace = r.properties.find((p) => p.name === 'Small')?.trace
    if (!trace) throw new Error('no counterexample to Small')
    const a = post(traceToItfJson(trace, origin))
    expect(a.status).toBe(200)
    const m = a.body as TraceMatch
    expect(m).toEqual({
      total: 2,
      property: 'Small',
      notes: [],
      // The shortest counterexample starts from the second initial state, x = 2.
      path: '1.0',
      steps: [
        { index: 1, label: 'Init #1' },
        { index: 0, label: 'Inc' },
      ],
    })
    expect(state(m.path).properties[0]).toMatchObject({ name: 'Small', status: 'violated' })
  })

  it('follows a trace as far as it matches and says why it stopped; notes other parameters', () => {
    const steps = [0, 1, 2].map((x, i) => ({ action: i === 0 ? null : { name: 'Inc' }, state: { x, tag: 'a' } }))
    steps.push({ action: { name: 'Inc' }, state: { x: 7, tag: 'a' } })
    const m = post(traceToItfJson({ steps }, { ...origin, params: { max: 5 } })).body as TraceMatch
    expect([m.path, m.steps.map((s) => s.label)]).toEqual(['0.0.0', ['Init #0', 'Inc', 'Inc']])
    expect(m.total).toBe(4)
    expect(m.notes).toEqual([
      'the trace was recorded with max=5; the explorer runs with max=3',
      'stopped at state 4 of 4: Inc leads to a different state here',
    ])
    const other = post(traceToItfJson({ steps: [{ action: null, state: { x: 9, tag: 'z' } }] }, origin)).body as TraceMatch
    expect([other.path, other.steps]).toEqual(['', []])
    expect(other.notes).toEqual(["its initial state is none of the spec's 2 initial states"])
  })

  it("answers a long trace in size linear in its length: its path once, not each step's", () => {
    // The states of path 0.0.0…: x counts 0, 1, 2, 3 and is reset to 0.
    const itf = (n: number): string =>
      traceToItfJson({ steps: Array.from({ length: n + 1 }, (_, i) => ({ action: i === 0 ? null : { name: i % 4 === 0 ? 'Reset' : 'Inc' }, state: { x: i % 4, tag: 'a' } })) }, origin)
    const at = (n: number): TraceMatch => {
      const a = post(itf(n))
      expect(a.status, JSON.stringify(a.body).slice(0, 200)).toBe(200)
      return a.body as TraceMatch
    }
    const bytes = (body: unknown): number => Buffer.byteLength(JSON.stringify(body))
    const [n, twice] = [at(1000), at(2000)]
    expect(bytes(twice)).toBeLessThanOrEqual(2 * bytes(n))
    expect([n.steps.length, n.path]).toEqual([1001, `0${'.0'.repeat(1000)}`])
  })

  it('answers 400 for a body that is not an ITF trace', () => {
    const a = post('{"hello": 1}')
    expect(a.status).toBe(400)
    expect(error(a)).toBe('t.itf.json: not an ITF trace (expected an object with "vars" and "states")')
    expect(post('not json').status).toBe(400)
  })
})
