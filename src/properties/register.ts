/**
 * A read/write register as a sequential specification (Stateright's `semantics::register`): a
 * write replaces the value and returns WriteOk, a read returns the value. With `linearizability.ts`
 * it says what a linearizable register's history may be.
 */
import type { Schema } from '../core/schema.ts'
import { schema } from '../state/schema.ts'
import type { SequentialSpec } from './linearizability.ts'

export type RegisterOp = { readonly type: 'Write'; readonly value: string } | { readonly type: 'Read' }
export type RegisterRet = { readonly type: 'WriteOk' } | { readonly type: 'ReadOk'; readonly value: string }

export const READ: RegisterOp = { type: 'Read' }
export const WRITE_OK: RegisterRet = { type: 'WriteOk' }
export const write = (value: string): RegisterOp => ({ type: 'Write', value })
export const readOk = (value: string): RegisterRet => ({ type: 'ReadOk', value })

/** A register holding `init` at first. */
export const register = (init: string): SequentialSpec<string, RegisterOp, RegisterRet> => ({
  init,
  invoke: (s, op) => (op.type === 'Write' ? [op.value, WRITE_OK] : [s, readOk(s)]),
})

/** The schemas of a register's operations and returns over `values`. */
export const registerOpSchema = (values: readonly string[]): Schema => schema.union('type', { Write: { value: schema.enum(...values) }, Read: {} })
export const registerRetSchema = (values: readonly string[]): Schema => schema.union('type', { WriteOk: {}, ReadOk: { value: schema.enum(...values) } })
