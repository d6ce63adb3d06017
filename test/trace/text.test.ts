import { describe, expect, it } from 'vitest'
import type { Trace } from '../../src/core/result.ts'
import { check } from '../../src/index.ts'
import { diffValues } from '../../src/state/diff.ts'
import { formatValue, renderTraceText } from '../../src/trace/text.ts'
import buggy from './fixtures/buggy-two-phase-commit.ts'

describe('text traces', () => {
  it('shows every variable of the initial state, then only what each step changed, by path', async () => {
    const r = await check(buggy as never)
    const trace = r.properties.find((p) => p.name === 'TCConsistent')?.trace as Trace
    const text = renderTraceText(trace, { title: 'TCConsistent' })
    expect(text).toBe(`TCConsistent
Step 1 (initial state)
  rmState: {r1: working, r2: working, r3: working}
  tmState: init
  tmPrepared: []
  msgs: []
Step 2: RMPrepare(r1)
  rmState.r1: working → prepared
  msgs: + {type: Prepared, rm: r1}
Step 3: TMRcvPrepared(r1)
  tmPrepared: + r1
Step 4: TMCommit
  tmState: init → committed
  msgs: + {type: Commit}
Step 5: RMRcvCommitMsg(r1)
  rmState.r1: prepared → committed
Step 6: RMChooseToAbort(r2)
  rmState.r2: working → aborted
`)
  })

  it('marks the loop of a lasso and says it repeats forever; says when a step changes nothing', () => {
    const trace: Trace = {
      steps: [
        { action: null, state: { x: 0, log: [] } },
        { action: { name: 'Inc' }, state: { x: 1, log: [] } },
        { action: { name: 'Stutter' }, state: { x: 1, log: [] } },
        { action: { name: 'Dec' }, state: { x: 0, log: ['dec'] } },
      ],
      loopStart: 1,
    }
    const text = renderTraceText(trace)
    expect(text).toContain('Step 2: Inc   ◀ loop starts here')
    expect(text).toContain('Step 3: Stutter\n  (no change)')
    expect(text).toContain('  log: + dec')
    expect(text.trimEnd().split('\n').at(-1)).toBe('Step 4 leads back to step 2: from step 2 the behaviour repeats forever')
    // A loop on the last state alone: it stays there, it leads back nowhere.
    const stays = renderTraceText({ ...trace, loopStart: 3 })
    expect(stays.trimEnd().split('\n').at(-1)).toBe('Step 4 repeats forever: the behaviour stays in it')
    // The step that closes the loop, and why the loop is fair, when the trace has them; a loop of
    // one state with a step back to it (under a view) says so.
    const closed = renderTraceText({ ...trace, closing: { name: 'Inc' }, fairness: ['WF(Inc): taken at step 2'] }).trimEnd().split('\n')
    expect(closed.slice(-3)).toEqual(['Step 4 leads back to step 2 by Inc: from step 2 the behaviour repeats forever', 'The loop is fair:', '  WF(Inc): taken at step 2'])
    const self = renderTraceText({ ...trace, loopStart: 3, closing: { name: 'Dec' } })
    expect(self.trimEnd().split('\n').at(-1)).toBe('Step 4 leads back to itself by Dec: the behaviour repeats it forever')
    // Found under a view or symmetry, "back" is up to the key, as the summary's note says (the
    // file said nothing, and its ids need not match the step it leads back to).
    const viewed = renderTraceText({ ...trace, closing: { name: 'Inc' }, closesUpTo: 'view' }).trimEnd().split('\n')
    expect(viewed.at(-1)).toBe('Step 4 leads back to step 2 (equal up to the view) by Inc: from step 2 the behaviour repeats forever')
    const renamed = renderTraceText({ ...trace, loopStart: 3, closing: { name: 'Dec' }, closesUpTo: 'symmetry' })
    expect(renamed.trimEnd().split('\n').at(-1)).toBe('Step 4 leads back to itself (equal up to the symmetry: a renaming of it) by Dec: the behaviour repeats it forever')
  })

  it('diffs sets by element, tuples by index, sequences by appended/removed elements, records by key', () => {
    expect(diffValues({ s: ['a', 'c'] }, { s: ['a', 'b', 'c'] })).toEqual([{ kind: 'add', path: 's', value: 'b' }])
    expect(diffValues({ t: [0, 0, 1] }, { t: [0, 2, 1] })).toEqual([{ kind: 'set', path: 't[1]', from: 0, to: 2 }])
    expect(diffValues({ q: ['m2', 'm1'] }, { q: ['m1', 'm3'] })).toEqual([
      { kind: 'remove', path: 'q', value: 'm2' },
      { kind: 'add', path: 'q', value: 'm3' },
    ])
    expect(diffValues({ r: { a: 1 } }, { r: { b: 1 } })).toEqual([
      { kind: 'set', path: 'r.b', from: undefined, to: 1 },
      { kind: 'set', path: 'r.a', from: 1, to: undefined },
    ])
    expect(diffValues({ m: { 'a b': 1 } }, { m: { 'a b': 2 } })[0]?.path).toBe('m["a b"]')
  })

  it('formats values compactly and unambiguously', () => {
    expect(formatValue({ type: 'Prepared', rm: 'r2' })).toBe('{type: Prepared, rm: r2}')
    expect(formatValue(['3', 3, 'true', true, '', 'two words', null])).toBe('["3", 3, "true", true, "", "two words", null]')
    expect(formatValue('x'.repeat(50), 10)).toBe('xxxxxxxxx…')
    expect(formatValue([1, 1n, 12345678901234567890n])).toBe('[1, 1n, 12345678901234567890n]')
  })
})
