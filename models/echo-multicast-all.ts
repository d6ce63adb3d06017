/**
 * BUGGY variant of echo.ts: on its first message a non-initiator sends "m" to every neighbour,
 * its new parent included (`nbrs` for the module's `nbrs \ {msg.sndr}`). A node then counts a
 * child's "m" as one of its neighbours' messages and may leave the loop before the child's "c"
 * arrives: that "c" is never taken, and the node is done without the child (ParentChild), the
 * "c" left in its inbox for ever.
 */
import { echoModel } from './echo.ts'

export const echoMulticastAll = echoModel('echo-multicast-all', (nbrs) => nbrs)
