/** The progress line: the thread engine's fields, and for a distributed search its processes. */
import { describe, expect, it } from 'vitest'
import { progressLine } from '../../src/report/progress.ts'

const base = { distinct: 12_345, total: 67_890, queue: 400, depth: 7, seconds: 2 }

describe('progressLine', () => {
  it('prints the search figures', () => {
    expect(progressLine(base)).toBe('2.00s  distinct 12,345  generated 67,890  queue 400  depth 7  6,173 states/s')
  })

  it('appends each worker process with its states and how much of the level is expanded', () => {
    const processes = [
      { states: 4_100, expanded: 50, frontier: 100 },
      { states: 4_000, expanded: 100, frontier: 150 },
      { states: 4_245, expanded: 0, frontier: 0 },
    ]
    expect(progressLine({ ...base, processes })).toBe(`${progressLine(base)}  3 processes: 4,100 · 4,000 · 4,245 states, level 60% expanded`)
  })

  it('while a distributed run waits for its --nats workers, says how many of them joined', () => {
    const joining = { url: 'nats://h:4222', joined: 1, wanted: 3 }
    expect(progressLine({ distinct: 0, total: 0, queue: 0, depth: 0, seconds: 5, joining })).toBe('5.00s  waiting for 3 workers on nats://h:4222: 1 joined')
  })

  it('past six processes, the least and most states', () => {
    const processes = Array.from({ length: 8 }, (_, k) => ({ states: 1000 + k, expanded: 0, frontier: 0 }))
    expect(progressLine({ ...base, processes })).toBe(`${progressLine(base)}  8 processes: 1,000–1,007 states`)
  })
})
