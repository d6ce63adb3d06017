/**
 * The README's "Testing your model" example, as written there (imports from this checkout): a
 * user copies it first, so it must run and pass. Its snapshot is in __snapshots__/.
 */
import { expect, it } from 'vitest'
import { expectSpec, expectTrace, stateSpace } from '../../src/testing/index.ts'
import paxos from '../../specs/paxos.ts'
import volatilePromise from '../../specs/paxos-net-volatile-promise.ts'

it('paxos keeps agreement and its state space', async ({ signal }) => {
  const run = expectSpec(paxos, { signal }) // one search, for every assertion below
  // Where the states are, per depth and per action: the snapshot's diff names what an edit moved.
  expect.soft(stateSpace(await run.result())).toMatchSnapshot()
  // The spec's own expect block: verdicts, counterexample lengths, counts and actions that fire.
  await run.toMatchExpectation()
  await run.toHaveStates({ distinct: 25, total: 82 })
})
it('the lost-promise bug is still found', async () => {
  const p = await expectSpec(volatilePromise).toViolate('Agreement', { maxLength: 16 })
  expect(p.trace?.steps.length).toBe(16)
})
it('the curated trace still reproduces', async () => {
  await expectTrace('traces/examples/three-phase-commit-partition.itf.json').toReproduce()
})
