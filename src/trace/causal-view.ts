/**
 * The causal view of a trace: which steps of a message-passing trace depend on which. Steps of
 * one node are ordered; a step that receives a message depends on the step that sent it; nothing
 * else is ordered. Returns the steps per node with their dependencies and a Lamport clock, so
 * independent steps of different nodes can be read side by side (and a viewer can lay them out by
 * clock).
 */
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import type { Trace } from '../core/result.ts'
import type { Value } from '../core/value.ts'
import { messages as netMessages } from '../net/network.ts'
import type { Network } from '../net/network.ts'
import { fingerprintHex } from '../state/fingerprint.ts'

export interface CausalOptions {
  /** The node that takes a step (e.g. `a.rm ?? 'tm'`), for steps without an `event` (a step with
   * one belongs to its event's node, or to the pseudo-node `network` for a network fault). */
  readonly node: (action: Action) => string
  /** The messages present in a state (a set or a bag); default: none, so only node order. */
  readonly messages?: (state: unknown) => readonly Value[]
  /** The messages a step receives. Default: those in the state before it and not after it
   * (consumed, as in a bag or queue). A model whose messages are never removed (TLA+'s `msgs`)
   * must say which message an action reads. */
  readonly received?: (action: Action, before: unknown, after: unknown) => readonly Value[]
}

export interface CausalStep {
  /** The step's index in the trace (1 = the first action; 0 is the initial state). */
  readonly index: number
  readonly label: string
  readonly node: string
  /** Indices of the steps it directly depends on: the node's previous step, the senders of the
   * messages it receives. */
  readonly after: readonly number[]
  /** Lamport clock: 1 + the largest clock among `after` (1 for a step that depends on nothing). */
  readonly clock: number
}

export interface CausalView {
  /** Steps per node, in trace order; nodes in order of their first step. */
  readonly nodes: Readonly<Record<string, readonly CausalStep[]>>
  /** All steps in trace order. */
  readonly steps: readonly CausalStep[]
}

export function causalView(trace: Trace, options: CausalOptions): CausalView {
  const msgs = options.messages ?? (() => [])
  const counts = (state: unknown): Map<string, number> => {
    const m = new Map<string, number>()
    for (const v of msgs(state)) m.set(fingerprintHex(v), (m.get(fingerprintHex(v)) ?? 0) + 1)
    return m
  }
  const minus = (a: Map<string, number>, b: Map<string, number>): string[] =>
    [...a].filter(([k, n]) => n > (b.get(k) ?? 0)).map(([k]) => k)

  const steps: CausalStep[] = []
  const nodes: Record<string, CausalStep[]> = {}
  const lastOf = new Map<string, CausalStep>()
  /** Message fingerprint → the step that last sent it. */
  const sender = new Map<string, CausalStep>()
  const byIndex = new Map<number, CausalStep>()
  for (let i = 1; i < trace.steps.length; i++) {
    const before = trace.steps[i - 1].state
    const { action, state: after, event } = trace.steps[i]
    if (!action) continue
    // A step whose model said what it is (`TraceStep.event`) belongs to the node it names.
    const node = event ? event.node ?? 'network' : options.node(action)
    const cb = counts(before)
    const ca = counts(after)
    const receivedKeys = options.received ? options.received(action, before, after).map((v) => fingerprintHex(v)) : minus(cb, ca)
    const after_: number[] = []
    const prev = lastOf.get(node)
    if (prev) after_.push(prev.index)
    for (const k of receivedKeys) {
      const s = sender.get(k)
      if (s && !after_.includes(s.index)) after_.push(s.index)
    }
    after_.sort((a, b) => a - b)
    const clock = 1 + Math.max(0, ...after_.map((j) => byIndex.get(j)!.clock))
    const step: CausalStep = { index: i, label: actionLabel(action), node, after: after_, clock }
    steps.push(step)
    byIndex.set(i, step)
    ;(nodes[node] ??= []).push(step)
    lastOf.set(node, step)
    for (const k of minus(ca, cb)) sender.set(k, step)
  }
  return { nodes, steps }
}

/**
 * Causal options for models built on src/net (the network in the state field `net`): a delivery
 * is a step of its receiver and receives its message; other steps belong to their `node` field;
 * network faults (drop, duplicate, partition, heal) belong to the pseudo-node `network`.
 */
export function netCausalOptions(): CausalOptions {
  const field = (a: Action, k: string): unknown => (a as unknown as Record<string, unknown>)[k]
  return {
    node: (a) => {
      if (a.name === 'Deliver' && typeof field(a, 'to') === 'string') return field(a, 'to') as string
      const node = field(a, 'node')
      return typeof node === 'string' ? node : 'network'
    },
    messages: (s) => netMessages((s as { net: Network }).net),
    received: (a) => (a.name === 'Deliver' && field(a, 'msg') !== undefined ? [field(a, 'msg') as Value] : []),
  }
}
