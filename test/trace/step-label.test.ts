import { describe, expect, it } from 'vitest'
import { unrecordedStepLabel } from '../../src/trace/step-label.ts'

describe('unrecordedStepLabel (a step of a trace that records no action)', () => {
  it('names the initial state, then the variables each step changed', () => {
    const states = [{ a: 0, b: [] }, { a: 1, b: [] }, { a: 1, b: [1] }, { a: 1, b: [1] }]
    expect(states.map((_, i) => unrecordedStepLabel(states, i))).toEqual(['(initial state)', 'changed: a', 'changed: b', 'no variable changed'])
  })

  it('counts the names beyond four, and says so when the state is not a record', () => {
    const wide = [{ a: 0, b: 0, c: 0, d: 0, e: 0, f: 0 }, { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 }]
    expect(unrecordedStepLabel(wide, 1)).toBe('changed: a, b, c, d +2 more')
    expect(unrecordedStepLabel([1, 2], 1)).toBe('(action not recorded)')
  })
})
