/**
 * The FIFO network's queue copies (src/net/fifo-queues.ts) are exact whatever object they are
 * given: the same keys in the same order, one replaced; another key list (other nodes, another
 * order, one key more or fewer) is not copied with the last one's literal.
 */
import { describe, expect, it } from 'vitest'
import { copyQueues, queuesWith } from '../../src/net/fifo-queues.ts'

const q = (keys: string[]): Record<string, readonly number[]> => Object.fromEntries(keys.map((k, i) => [k, [i]]))

describe('FIFO queue copies', () => {
  it('keep every key in its place and replace one', () => {
    const a = q(['a→a', 'a→b', 'b→a', 'b→b'])
    const b = queuesWith(a, 'b→a', [9])
    expect(Object.keys(b)).toEqual(Object.keys(a))
    expect(b).toEqual({ ...a, 'b→a': [9] })
    expect(a['b→a']).toEqual([2])
    expect(Object.getPrototypeOf(b)).toBe(Object.prototype)
  })

  it('copy each key list with its own literal: after one list, a longer, a shorter and a reordered one', () => {
    const lists = [['x', 'y', 'z'], ['x', 'y', 'z', 'w'], ['x', 'y'], ['y', 'x', 'z'], ['x', 'y', 'z']]
    for (const keys of lists) {
      const c = copyQueues(q(keys))
      expect(Object.keys(c)).toEqual(keys)
      expect(c).toEqual(q(keys))
    }
  })

  it('copy a key a literal would read as the prototype as an own property', () => {
    const a = JSON.parse('{"__proto__": [1], "b": [2]}') as Record<string, readonly number[]>
    const c = queuesWith(a, 'b', [3])
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype)
    expect(Object.keys(c)).toEqual(['__proto__', 'b'])
    expect(c.b).toEqual([3])
  })
})
