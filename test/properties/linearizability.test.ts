/**
 * The linearizability tester (src/properties/linearizability.ts) on register histories: the cases
 * Stateright's own tester is tested on (its src/semantics/linearizability.rs), what an invalid
 * history holds, the real-time rule, and the history's schema; and, on random small histories, the
 * same answer as a brute-force search over every order of the operations.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptyHistory, historySchema, invoked, isLinearizable, linearization, returned } from '../../src/properties/linearizability.ts'
import type { History } from '../../src/properties/linearizability.ts'
import { READ, WRITE_OK, readOk, register, registerOpSchema, registerRetSchema, write } from '../../src/properties/register.ts'
import type { RegisterOp, RegisterRet } from '../../src/properties/register.ts'
import { explainSchemaMismatch } from '../../src/state/fingerprint.ts'
import { valuesEqual } from '../../src/state/data.ts'

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

describe('linearizability tester against brute force', () => {
  // A history as the events that make it: a thread invokes an operation or returns a value.
  type Event = { readonly thread: number; readonly invoke: boolean; readonly op: RegisterOp; readonly ret: RegisterRet }
  const THREADS = ['t0', 't1', 't2']
  const event: fc.Arbitrary<Event> = fc.record({
    thread: fc.integer({ min: 0, max: 2 }),
    invoke: fc.boolean(),
    op: fc.oneof(fc.constant(READ), fc.constantFrom('A', 'B').map(write)),
    ret: fc.oneof(fc.constant(WRITE_OK), fc.constantFrom('', 'A', 'B').map(readOk)),
  })
  /** Mostly valid histories: a thread with an operation in flight returns, else invokes; the
   * event at `odd` (if any) is left as drawn, which may make the history invalid. */
  const history = fc.tuple(fc.array(event, { maxLength: 10 }), fc.integer({ min: 0, max: 20 })).map(([drawn, odd]) => {
    const busy = [false, false, false]
    return drawn.map((e, i) => {
      const x = i === odd ? e : { ...e, invoke: !busy[e.thread] }
      busy[e.thread] = x.invoke
      return x
    })
  })

  /** Whether some order of every completed operation and any of those in flight respects real
   * time (an operation that returned before another was invoked comes first) and a register
   * holding '' explains it; null for an invalid history. Every subset, every permutation. */
  function bruteForce(events: readonly Event[]): boolean | null {
    type Op = { readonly op: RegisterOp; ret: RegisterRet | null; readonly start: number; end: number }
    const ops: Op[] = []
    const open: (Op | null)[] = [null, null, null]
    for (let time = 0; time < events.length; time++) {
      const e = events[time] as Event
      const o = open[e.thread]
      // Invoking with an operation in flight, or returning with none: invalid.
      if (e.invoke === (o !== null && o !== undefined)) return null
      if (e.invoke) ops.push((open[e.thread] = { op: e.op, ret: null, start: time, end: Infinity }))
      else {
        ;(o as Op).ret = e.ret
        ;(o as Op).end = time
        open[e.thread] = null
      }
    }
    const done = ops.filter((o) => o.ret !== null)
    const inFlight = ops.filter((o) => o.ret === null)
    for (let mask = 0; mask < 1 << inFlight.length; mask++) {
      const chosen = [...done, ...inFlight.filter((_, i) => (mask & (1 << i)) !== 0)]
      const used = chosen.map(() => false)
      const order = (value: string, placed: number): boolean => {
        if (placed === chosen.length) return true
        return chosen.some((o, i) => {
          if (used[i] || chosen.some((p, j) => !used[j] && j !== i && p.end < o.start)) return false
          const [next, ret] = register('').invoke(value, o.op)
          if (o.ret !== null && !valuesEqual(ret, o.ret)) return false
          used[i] = true
          if (order(next, placed + 1)) return true
          used[i] = false
          return false
        })
      }
      if (order('', 0)) return true
    }
    return false
  }

  it('finds a linearization exactly where some order of the operations explains the history, and it is one', () => {
    fc.assert(
      fc.property(history, (events) => {
        let h: H = emptyHistory(THREADS)
        for (const e of events) h = e.invoke ? invoked(h, THREADS[e.thread] as string, e.op) : returned(h, THREADS[e.thread] as string, e.ret)
        const found = linearization(register(''), h)
        expect(found !== null).toBe(bruteForce(events) === true)
        if (found === null) return
        // What it found is explained by the register, and holds every completed operation.
        let value = ''
        for (const [op, ret] of found) {
          const [next, r] = register('').invoke(value, op)
          expect(r).toEqual(ret)
          value = next
        }
        expect(found.length).toBeGreaterThanOrEqual(Object.values(h.threads).reduce((n, t) => n + (t?.done.length ?? 0), 0))
      }),
      { seed: 20261207, numRuns: 3000 },
    )
  })
})
