/**
 * Generated code is compiled once per distinct source (src/state/generated-function.ts): the same
 * parameters and body give the same factory, so a second check() in a process reuses the compiled
 * functions; anything else gives another, and a factory keeps no state between its calls.
 */
import { describe, expect, it } from 'vitest'
import { generatedFunction } from '../../src/state/generated-function.ts'

describe('generatedFunction', () => {
  it('gives the same factory for the same parameters and body, another for any difference', () => {
    const body = 'return function add(x) { return x + K }'
    const f = generatedFunction(['K'], body)
    expect(generatedFunction(['K'], body)).toBe(f)
    expect(generatedFunction(['J'], body.replace('K', 'J'))).not.toBe(f)
    expect(generatedFunction(['K'], `${body};`)).not.toBe(f)
    // Each call of the factory closes over its own arguments.
    const add1 = f(1) as (x: number) => number
    const add2 = f(2) as (x: number) => number
    expect([add1(10), add2(10), add1(10)]).toEqual([11, 12, 11])
  })
})
