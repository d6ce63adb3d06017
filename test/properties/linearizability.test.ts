/**
 * The linearizability tester (src/properties/linearizability.ts) on register histories: the cases
 * Stateright's own tester is tested on (its src/semantics/linearizability.rs), what an invalid
 * history holds, the real-time rule, and the history's schema.
 */
import { describe, expect, it } from 'vitest'
import { emptyHistory, historySchema, invoked, isLinearizable, linearization, returned } from '../../src/properties/linearizability.ts'
import type { History } from '../../src/properties/linearizability.ts'
import { READ, WRITE_OK, readOk, register, registerOpSchema, registerRetSchema, write } from '../../src/properties/register.ts'
import type { RegisterOp, RegisterRet } from '../../src/properties/register.ts'
import { explainSchemaMismatch } from '../../src/state/fingerprint.ts'

type H = History<RegisterOp, RegisterRet>
const A = register('A')
const start = (): H => emptyHistory(['t0', 't1'])
/** `thread` invokes `op` and it returns `ret` at once. */
const invret = (h: H, thread: string, op: RegisterOp, ret: RegisterRet): H => returned(invoked(h, thread, op), thread, ret)

describe('linearizability tester', () => {
  it('a thread that invokes with an operation in flight makes the history invalid, and it stays so', () => {
    const once = invoked(start(), 't0', write('B'))
    const twice = invoked(once, 't0', write('C'))
    expect(twice).toEqual({ valid: false, threads: once.threads })
    expect(linearization(A, twice)).toBeNull()
    // Nothing is recorded once invalid: the same value back.
    expect(invoked(twice, 't1', READ)).toBe(twice)
    expect(returned(twice, 't0', WRITE_OK)).toBe(twice)
  })

  it('a return with nothing in flight makes the history invalid and gives the thread its entry', () => {
    const h = returned(start(), 't1', WRITE_OK)
    expect(h).toEqual({ valid: false, threads: { t0: null, t1: { done: [], pending: null } } })
    const twoWrites = invret(invret(start(), 't0', write('B'), WRITE_OK), 't0', write('C'), WRITE_OK)
    expect(returned(twoWrites, 't0', WRITE_OK)).toEqual({ valid: false, threads: twoWrites.threads })
  })

  it('records, at each invocation, the last operation every other thread had completed', () => {
    let h = invret(start(), 't1', write('B'), WRITE_OK)
    h = invoked(h, 't0', READ)
    expect(h.threads.t0).toEqual({ done: [], pending: { before: { t0: null, t1: 0 }, op: READ } })
    h = returned(h, 't0', readOk('B'))
    expect(h.threads.t0).toEqual({ done: [{ before: { t0: null, t1: 0 }, op: READ, ret: readOk('B') }], pending: null })
  })

  it('finds a linearization where one exists; an operation in flight may be left out or placed', () => {
    // A write in flight, a read of the old value: the write has not taken effect.
    expect(linearization(A, invret(invoked(start(), 't0', write('B')), 't1', READ, readOk('A')))).toEqual([[READ, readOk('A')]])
    // A read that returns what a concurrent write still in flight writes: the write goes first.
    const h = returned(invoked(invoked(start(), 't0', READ), 't1', write('B')), 't0', readOk('B'))
    expect(linearization(A, h)).toEqual([
      [write('B'), WRITE_OK],
      [READ, readOk('B')],
    ])
    expect(linearization(A, start())).toEqual([])
  })

  it('rejects a read of a value never written, and a read that real time orders before the write', () => {
    expect(isLinearizable(A, invret(start(), 't0', READ, readOk('B')))).toBe(false)
    // Sequentially consistent (the write could go first) but the read returned before it began.
    expect(isLinearizable(A, invoked(invret(start(), 't0', READ, readOk('B')), 't1', write('B')))).toBe(false)
    // A write that returned, then a read (another thread) of the old value.
    expect(isLinearizable(A, invret(invret(start(), 't0', write('B'), WRITE_OK), 't1', READ, readOk('A')))).toBe(false)
    // The same two, overlapping: the read may go first.
    expect(isLinearizable(A, returned(invret(invoked(start(), 't0', write('B')), 't1', READ, readOk('A')), 't0', WRITE_OK))).toBe(true)
  })

  it('rejects two clients that each write and then read the other\'s value (no order puts both reads last)', () => {
    let h = invret(invret(start(), 't0', write('A'), WRITE_OK), 't1', write('B'), WRITE_OK)
    h = invret(invret(h, 't0', READ, readOk('B')), 't1', READ, readOk('A'))
    expect(linearization(register(''), h)).toBeNull()
  })

  it('names an unknown thread in one line', () => {
    expect(() => invoked(start(), 't9', READ)).toThrow(/^linearizability: thread t9 is not one of the history's \(t0, t1\)$/)
  })

  it('every history above fits its schema', () => {
    const s = historySchema(['t0', 't1'], registerOpSchema(['A', 'B', 'C']), registerRetSchema(['A', 'B', 'C']), 3)
    const histories = [start(), invoked(start(), 't0', write('B')), invret(invret(start(), 't0', write('A'), WRITE_OK), 't1', READ, readOk('A')), returned(start(), 't1', WRITE_OK)]
    for (const h of histories) expect(explainSchemaMismatch(s, h)).toBeUndefined()
  })
})
