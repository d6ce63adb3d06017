/** `stateSpace`: a search's state space as text for a user's snapshot (src/testing/state-space.ts). */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index.ts'
import { stateSpace } from '../../src/testing/index.ts'
import paxos from '../../specs/paxos.ts'
import earlyCommit from '../../specs/two-phase-commit-early-commit.ts'

describe('stateSpace', () => {
  it('lists the verdicts, the states at each depth in order and each action\'s steps', async () => {
    const text = stateSpace(await check(paxos, {}))
    expect(text.split('\n').slice(0, 2)).toEqual(['paxos: complete', 'verdicts:'])
    // Depths in the search's order, 10 after 9 (an object snapshot sorts its keys: 1, 10, 2, ...).
    const depths = text.slice(text.indexOf('states at depth:')).split('\n').slice(1).filter((l) => /^ {2}\d+: /.test(l)).map((l) => Number(l.trim().split(':')[0]))
    expect(depths).toEqual([...depths].sort((a, b) => a - b))
    expect(depths.at(-1)).toBe(9)
    expect(text).toMatch(/^actions:\n( {2}\w+: \d+ taken, \d+ new\n)+$/m)
  })

  it('gives each counterexample its length and steps, and a witness its word', async () => {
    const text = stateSpace(await check(earlyCommit, {}))
    expect(text).toMatch(/^ {2}TCConsistent: violated$/m)
    expect(text).toMatch(/^counterexamples:\n {2}TCConsistent: 8 states: init, /m)
    expect(text).toMatch(/: witnessed$/m)
  })

  it('changes where an edit changes the state space, and only there', async () => {
    const a = stateSpace(await check(paxos, {}))
    expect(stateSpace(await check(paxos, {}))).toBe(a)
    expect(stateSpace(await check(paxos, { maxStates: 10 }))).not.toBe(a)
  })
})
