/** "Did you mean": a mistyped spec name is answered with the nearest bundled names. */
import { describe, expect, it } from 'vitest'
import { closest } from '../../src/core/edit-distance.ts'
import { editDistance } from '../../src/core/edit-distance.ts'
import { loadByName } from '../../src/cli/load-spec.ts'

describe('closest', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('paxs-net', 'paxos-net')).toBe(1)
    expect(editDistance('raft', 'draft')).toBe(1)
    expect(editDistance('abc', 'abd')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
  })

  it('gives the nearest names within a third of the length, nearest first, and none when nothing is close', () => {
    const names = ['paxos-net', 'paxos-net-retry', 'paxos', 'raft-two-terms', 'raft']
    expect(closest('paxs-net', names)).toEqual(['paxos-net'])
    expect(closest('raft-two-term', names)).toEqual(['raft-two-terms'])
    expect(closest('zzzz', names)).toEqual([])
  })

  it('answers a mistyped bundled spec name with the nearest one', async () => {
    await expect(loadByName('paxs-net')).rejects.toThrow(/^paxs-net: no such spec; did you mean paxos-net\?$/)
    // Nothing near: the list of names, as before.
    await expect(loadByName('nope')).rejects.toThrow(/^nope: no such spec \(try a path, or one of: /)
  })
})
