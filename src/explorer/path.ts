/**
 * A path through the state graph, as the explorer's URLs carry it: the index of the initial state,
 * then the index of each step taken among the enabled steps of the state before it, in `next`'s
 * order, joined by dots: `0.3.1` = initial state 0, its step 3, that state's step 1. `''` is the
 * empty path (no initial state chosen yet).
 *
 * Indices, not labels: they are short and exact (two steps may share a label). The price: a URL
 * names the same states only while the model's `next` keeps its order, as Stateright's paths do.
 */
import { UsageError } from '../core/errors.ts'

export type Path = readonly number[]

/** Longer paths are refused rather than replayed: a URL is not a place for a long search. */
export const MAX_PATH_LENGTH = 10_000

/** A path that does not parse or names a step that does not exist (the API's 400). */
export class PathError extends UsageError {}

export function parsePath(text: string): Path {
  if (text === '') return []
  if (!/^\d{1,6}(\.\d{1,6})*$/.test(text)) {
    throw new PathError(`path '${text.slice(0, 80)}': expected step indices joined by dots, e.g. 0.3.1`)
  }
  const path = text.split('.').map(Number)
  // (The first entry picks the initial state; the steps are the rest.)
  if (path.length - 1 > MAX_PATH_LENGTH) throw new PathError(`path of ${path.length - 1} steps: at most ${MAX_PATH_LENGTH}`)
  return path
}

export const formatPath = (path: Path): string => path.join('.')
