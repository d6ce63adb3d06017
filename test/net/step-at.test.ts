/** `stepAt(n)`: a node's own steps, for fairness per node (src/net/step-at.ts). */
import { describe, expect, it } from 'vitest'
import { stepAt } from '../../src/net/index.ts'

const deliver = (to: string) => ({ name: 'Deliver', msg: { from: 'x', to, type: 'M' }, to })
const local = (name: string, node: string) => ({ name, node })

describe('stepAt', () => {
  it("is a node's local actions and the deliveries to it, and nothing of another node's or the network's", () => {
    const at = stepAt('p1')
    expect([deliver('p1'), local('Enter', 'p1'), local('Crash', 'p1')].map(at)).toEqual([true, true, true])
    expect([deliver('p2'), local('Enter', 'p2'), { name: 'Drop', msg: { from: 'p2', to: 'p1', type: 'M' } }, { name: 'Heal' }].map(at)).toEqual([false, false, false, false])
  })

  it('keeps only the named actions when given names (Deliver names the deliveries)', () => {
    const at = stepAt('p1', ['Deliver', 'Enter'])
    expect([deliver('p1'), local('Enter', 'p1'), local('Request', 'p1'), local('Crash', 'p1')].map(at)).toEqual([true, true, false, false])
    expect(stepAt('p1', ['Enter'])(deliver('p1'))).toBe(false)
  })
})
