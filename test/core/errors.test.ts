/**
 * The checker's error classes across copies of errors.ts: a spec in a CommonJS package imports a
 * second copy of Interleave (test/cli/messages.test.ts runs one through the CLI), and the
 * checker's `instanceof` must know its errors as it knows its own.
 */
import { describe, expect, it } from 'vitest'
import { ModelError, StateChangedError, StateNamedError, UsageError } from '../../src/core/errors.ts'
import { describeError } from '../../src/report/error-line.ts'

// A query makes it another module (and tsc does not resolve it), as a CommonJS spec's copy is.
const copy = '../../src/core/errors.ts?second-copy'

describe('error classes of another copy of errors.ts', () => {
  it('are instances of the same classes here, subclasses included, and of no other', async () => {
    const other = (await import(copy)) as typeof import('../../src/core/errors.ts')
    expect(other.ModelError).not.toBe(ModelError)
    const model = new other.ModelError('m')
    expect(model).toBeInstanceOf(ModelError)
    expect(model).not.toBeInstanceOf(UsageError)
    expect(model).not.toBeInstanceOf(StateNamedError)
    const named = new other.StateNamedError('n')
    expect(named).toBeInstanceOf(ModelError)
    expect(named).toBeInstanceOf(StateNamedError)
    expect(named).not.toBeInstanceOf(StateChangedError)
    expect(new other.StateChangedError('c')).toBeInstanceOf(StateChangedError)
    expect(new other.UsageError('u')).toBeInstanceOf(UsageError)
    expect(new Error('plain')).not.toBeInstanceOf(ModelError)
    // A subclass without a brand of its own is told apart by its prototype, as before.
    class Sub extends ModelError {}
    expect(new ModelError('m')).not.toBeInstanceOf(Sub)
    expect(model).not.toBeInstanceOf(Sub)
    expect(new Sub('s')).toBeInstanceOf(ModelError)
    // So the CLI reports it as a model error, its message as it is.
    expect(describeError(new other.ModelError('spec x: wrong'))).toEqual({ kind: 'model', message: 'spec x: wrong' })
  })
})
