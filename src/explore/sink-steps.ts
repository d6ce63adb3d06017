/**
 * A plain state's steps handed to a search sink one by one, in `next`'s order: how the worker
 * threads (`parallel/expand-task.ts`) and the distributed partitions (`distributed/part-states.ts`)
 * expand a state. With sleep sets (`--por`, `keyed-sleep.ts`) the steps asleep are skipped, and a
 * step taken (not a stutter) joins those its later siblings' targets may sleep, after its own
 * target's set was given: the sequential sleep-set frontier's rule (`sleep-sets.ts`).
 */
import type { Action } from '../core/action.ts'
import type { KeyedSleep } from './keyed-sleep.ts'
import type { Prepared, Step } from './prepare.ts'
import { withState } from './sink.ts'

/** The successors of `s` (with sleep sets, as `z` computes them); a model error names `s`. */
export function stepsOf(p: Prepared, s: unknown, z: KeyedSleep | undefined): readonly Step[] {
  try {
    return z ? z.expand(s) : p.expand(s)
  } catch (e) {
    throw withState(e, s)
  }
}

/** Gives `s`'s `steps` to `sink` with their ordinals, skipping those asleep in `z`; the steps. */
export function sinkSteps(s: unknown, steps: readonly Step[], sink: { step(a: Action, t: unknown, ordinal: number): unknown }, z: KeyedSleep | undefined): number {
  if (z === undefined) {
    for (let i = 0; i < steps.length; i++) sink.step(steps[i][0], steps[i][1], i)
    return steps.length
  }
  for (let i = 0; i < steps.length; i++) {
    if (z.asleep(i)) continue
    const t = steps[i][1]
    sink.step(steps[i][0], t, i)
    if (t !== s) z.taken(i)
  }
  return steps.length
}
