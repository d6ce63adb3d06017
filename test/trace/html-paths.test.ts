import { describe, expect, it } from 'vitest'
import { diffValues } from '../../src/state/diff.ts'
import { ancestorsOf } from '../../src/trace/html.ts'

describe('the paths above a change (the viewer highlights them as containing one)', () => {
  it('splits the path syntax of diff.ts: dotted keys, quoted keys, indices', () => {
    expect(ancestorsOf('proposers.p1.phase')).toEqual(['proposers', 'proposers.p1'])
    expect(ancestorsOf('net.sent')).toEqual(['net'])
    expect(ancestorsOf('votes')).toEqual([])
    expect(ancestorsOf('log[2].term')).toEqual(['log', 'log[2]'])
    expect(ancestorsOf('m["a b"].x')).toEqual(['m', 'm["a b"]'])
    expect(ancestorsOf('["odd key"][0]')).toEqual(['["odd key"]'])
    expect(ancestorsOf('(state)[1]')).toEqual(['(state)'])
  })

  it('agrees with the paths diffValues writes', () => {
    const a = { s: { 'x y': { n: [2, 1] } } }
    const b = { s: { 'x y': { n: [3, 1] } } }
    const [c] = diffValues(a, b)
    expect(c?.path).toBe('s["x y"].n[0]')
    expect(ancestorsOf(c?.path ?? '')).toEqual(['s', 's["x y"]', 's["x y"].n'])
  })
})
