/**
 * BUGGY variant of linearizable-register.ts: a write takes the highest clock its query found as
 * it is, where ABD (and Stateright's example) takes one above (`seq.0 + 1`; here `seq.0`). Its
 * sequencer is then (that clock, its own id), which is below a peer's that holds the same clock
 * with a higher id: the first write, at s0, gets (0, s0) against s1's (0, s1) and is kept by no
 * server, neither s1 (not above its own) nor s0 itself (not above (0, s0)), yet every server
 * acknowledges it. The writer's read then returns the empty value.
 */
import { linearizableRegisterModel } from './linearizable-register.ts'

export const linearizableRegisterStaleClock = linearizableRegisterModel('linearizable-register-stale-clock', { nextClock: (highest) => highest, writeBack: true })
