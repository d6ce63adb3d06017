/** Kept only for `bench/one-run.ts`, which imports `check` from here: the composition root that
 * picks the engine is `src/check.ts`. Remove this file with that import (it is the one import
 * from a layer up to the root; `test/layers.test.ts` lists it). */
export { check } from '../check.ts'
