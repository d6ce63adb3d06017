/**
 * `layoutFromSchema`: the packed layout of a model derived from its plain schema (so the 2PC
 * shape is declared once). Every reachable state of the plain TwoPhase model encodes into the
 * derived words and decodes back to itself; what has no packed form is refused naming the field.
 */
import { describe, expect, it } from 'vitest'
import { schema } from '../../src/index.ts'
import type { Schema } from '../../src/index.ts'
import { LayoutError, MapOf, Scalar, SetOf, fieldAs, layoutFromSchema } from '../../src/packed/index.ts'
import { twoPhaseCommit } from '../../models/two-phase-commit.ts'
import type { Config, State } from '../../models/two-phase-commit.ts'

describe('layoutFromSchema', () => {
  const c: Config = { rms: ['r1', 'r2', 'r3'] }
  const L = layoutFromSchema((twoPhaseCommit.schema as (c: Config) => Schema)(c))

  it('packs each field as the schema says, in two words for 2PC with 3 RMs', () => {
    expect(fieldAs(L, 'rmState', MapOf)).toBeInstanceOf(MapOf)
    expect(fieldAs(L, 'tmState', Scalar)).toBeInstanceOf(Scalar)
    expect(fieldAs(L, 'msgs', SetOf).universe).toEqual([{ type: 'Abort' }, { type: 'Commit' }, { type: 'Prepared', rm: 'r1' }, { type: 'Prepared', rm: 'r2' }, { type: 'Prepared', rm: 'r3' }])
    expect(L.words).toBe(1)
    expect(() => fieldAs(L, 'msgs', MapOf)).toThrow('state.msgs: not a MapOf in the layout derived from the schema')
  })

  it('encodes every reachable state of the plain model and decodes it back unchanged', () => {
    const seen = new Map<string, State>()
    const queue = [...twoPhaseCommit.init(c)]
    for (const s of queue) seen.set(JSON.stringify(s), s)
    for (let i = 0; i < queue.length; i++) {
      for (const [, t] of twoPhaseCommit.next(c, queue[i] as State)) {
        const k = JSON.stringify(t)
        if (!seen.has(k)) (seen.set(k, t), queue.push(t))
      }
    }
    expect(queue.length).toBe(288) // TLC's count for RM = 3
    const words = L.blank()
    for (const s of queue) {
      L.encode(s, words)
      expect(L.decode(words)).toEqual(s)
    }
  })

  it('refuses what has no packed form, naming the field', () => {
    const refuse = (fields: Record<string, Schema>) => () => layoutFromSchema(schema.record(fields))
    expect(refuse({ log: schema.list(schema.int(0, 3)) })).toThrow(LayoutError)
    expect(refuse({ log: schema.list(schema.int(0, 3)) })).toThrow('state.log: a list has no packed form')
    expect(refuse({ inFlight: schema.bagOf(schema.bool()) })).toThrow('state.inFlight: a bag has no packed form')
    expect(refuse({ node: schema.record({ a: schema.int(0, 1), b: schema.bool() }) })).toThrow('state.node: only a map of one scalar')
    expect(refuse({ leader: schema.nullable(schema.enum('a')) })).toThrow('state.leader: a nullable field has no packed form')
    expect(refuse({ seen: schema.setOf(schema.int(0, 1_000_000)) })).toThrow('state.seen[]: int(0, 1000000) is too wide for a packed set')
    expect(refuse({ seen: schema.setOf(schema.record({ a: schema.int(0, 99), b: schema.int(0, 99) })) })).toThrow('more than 4096 possible elements')
    expect(() => layoutFromSchema(schema.enum('a'))).toThrow('state: a packed state is a record')
  })
})
