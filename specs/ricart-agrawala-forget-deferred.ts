/**
 * BUGGY: see models/ricart-agrawala-forget-deferred.ts. With two processes and stamps up to 1 the
 * checker finds Enters(p2) violated (a lasso of 8 states): both request with stamp 1, p1 wins the
 * tie, gets p2's reply and enters; p2's request reaches p1 in its critical section and is
 * deferred; p1 exits without replying, and p2 waits for ever in a state with no step left (the
 * run warns that the lasso ends in a state with no successor: here that is the bug, not the clock
 * bound, since p2's request was made and is never answered). Mutex holds. (With 3 processes and
 * stamps up to 3 every process's Enters fails, lassos of 12 states.)
 */
import { defineSpec } from '../src/index.ts'
import { ricartAgrawalaForgetDeferred } from '../models/ricart-agrawala-forget-deferred.ts'
import { raConfig } from './ricart-agrawala.ts'

export default defineSpec({
  name: 'ricart-agrawala-forget-deferred',
  model: ricartAgrawalaForgetDeferred,
  params: { n: 2, maxClock: 1 },
  config: raConfig,
  expect: { distinct: 20, total: 26, depth: 8, violated: { 'Enters(p2)': { length: 8 } }, source: 'measured (BFS, this repo)' },
})
