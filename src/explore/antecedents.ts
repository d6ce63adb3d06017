/**
 * Compiles what each invariant is about (its antecedent or its named witness, `always(.., { when })`
 * / `{ witness }`) into plain `sometimes` properties, appended after the checked ones. Every
 * explorer then tracks "the situation was reached" exactly as it tracks any witness — the
 * sequential, parallel, packed and depth-first searches, checkpoints and simulation alike — and
 * only `buildResult` knows that these extra witnesses are not reported but turn an invariant that
 * held into a vacuous one.
 *
 * Cost: a hidden witness is one more predicate per new state until it is first satisfied. It does
 * not delay an early stop: a state that violates `A ⇒ P` satisfies `A`, so an antecedent is always
 * witnessed no later than its invariant's violation. A named witness the spec does not check is
 * added hidden too, and can keep such a search going until it is found (a `--property` selection).
 */
import { ModelError } from '../core/errors.ts'
import type { Property } from '../core/property.ts'
import { antecedentWitness } from '../core/property.ts'

export interface Antecedents {
  /** The checked safety properties, then the hidden witnesses. */
  readonly safety: readonly Property<unknown, unknown>[]
  /** How many of `safety` are the checked ones (reported); the rest are hidden. */
  readonly reported: number
  /** Per entry of `safety`: the index of the witness of what it is about, or -1. */
  readonly antecedent: readonly number[]
}

export function withAntecedents(
  modelName: string,
  all: readonly Property<unknown, unknown>[],
  checked: readonly Property<unknown, unknown>[],
): Antecedents {
  const safety = [...checked]
  const antecedent = checked.map(() => -1)
  const indexOf = (name: string): number => safety.findIndex((q) => q.name === name)
  checked.forEach((p, i) => {
    if (p.kind !== 'always') return
    const derived = antecedentWitness(p)
    if (derived) {
      if (all.some((q) => q.name === derived.name)) {
        throw new ModelError(`model ${modelName}: property name ${derived.name} is reserved for the antecedent of ${p.name}`)
      }
      antecedent[i] = safety.push(derived) - 1
      antecedent.push(-1)
      return
    }
    if (p.witness === undefined) return
    const w = all.find((q) => q.name === p.witness)
    if (!w || w.kind !== 'sometimes') {
      throw new ModelError(`model ${modelName}: ${p.name} names witness '${p.witness}', which is not a 'sometimes' property of the model`)
    }
    const at = indexOf(w.name)
    if (at >= 0) {
      antecedent[i] = at
    } else {
      antecedent[i] = safety.push(w) - 1
      antecedent.push(-1)
    }
  })
  return { safety, reported: checked.length, antecedent }
}
