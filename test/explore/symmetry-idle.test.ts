/**
 * A symmetry that renames nothing merges nothing, and says so (src/explore/symmetry-idle.ts): a
 * user who wrote a relabelling that forgets the variables naming the nodes got the full state
 * count under `--symmetry`, reported as orbits, without a word.
 */
import { describe, expect, it } from 'vitest'
import { check, defineSpec, ids } from '../../src/index.ts'
import { twoPhaseCommit } from '../../models/two-phase-commit.ts'
import symmetric from '../../specs/two-phase-commit-symmetry.ts'
import paxos from '../../specs/paxos.ts'

const NOTE = /^symmetry merged nothing: it renamed none of the first ([\d,]+) states/

/** TwoPhase with a symmetry that returns the state itself: every state its own representative. */
const idle = defineSpec({
  name: 'two-phase-commit-idle-symmetry',
  model: { ...twoPhaseCommit, symmetry: (_c, s) => s },
  params: { rms: 3 },
  config: (p) => ({ rms: ids('r', p.rms as number) }),
  symmetry: true,
  expect: {},
})

describe('a symmetry that merges nothing', () => {
  it('is noted: the counts are states, and the note names the model and how many states it looked at', async () => {
    const r = await check(idle, {})
    expect(r.stats.distinct).toBe(288)
    const note = r.warnings.find((w) => NOTE.test(w))
    expect(note).toBeDefined()
    expect(NOTE.exec(note!)?.[1]).toBe('288')
    expect(note).toMatch(/check that model two-phase-commit's symmetry renames every variable that names a node\)$/)
  })

  it('is not noted where the symmetry renames states (314 orbits of 8,832 states)', async () => {
    const r = await check(symmetric, {})
    expect(r.stats.distinct).toBe(314)
    expect(r.warnings.filter((w) => NOTE.test(w))).toEqual([])
  })

  it('is noted where there is only one node of each kind to rename (Paxos with one acceptor and one value)', async () => {
    const r = await check(paxos, { symmetry: true })
    expect(r.stats.distinct).toBe(25)
    expect(r.warnings.find((w) => NOTE.test(w))).toMatch(/first 25 states/)
    // Without symmetry asked, nothing is walked or said.
    expect((await check(paxos, {})).warnings.filter((w) => NOTE.test(w))).toEqual([])
  })

  it('is not asked after a search that stopped early (its walk could step where the search did not)', async () => {
    const r = await check(idle, { maxStates: 50 })
    expect(r.complete).toBe(false)
    expect(r.warnings.filter((w) => NOTE.test(w))).toEqual([])
  })
})
