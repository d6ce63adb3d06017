/**
 * Which nodes can send to which, read from the reachable states of message-passing specs: the
 * measurement behind docs/partial-order-reduction.md. A node-level stubborn set that starts at
 * node j must contain every node that can (transitively) send to j; when the "sends to" graph of
 * the nodes that ever act is strongly connected, that is every node, and such a reduction saves
 * nothing. Usage: node --import tsx bench/por-communication.ts [spec files…] (default: the
 * message-passing specs below), each explored up to 200,000 states.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { AnySpec } from '../src/core/spec.ts'
import { resolveOptions } from '../src/core/options.ts'
import { prepare } from '../src/explore/prepare.ts'
import { fingerprintHex } from '../src/state/fingerprint.ts'
import { messages } from '../src/net/network.ts'
import type { Message, Network } from '../src/net/index.ts'

const DEFAULT = [
  'specs/two-phase-commit-net.ts',
  'specs/three-phase-commit-skeen-crash.ts',
  'specs/primary-backup-sync.ts',
  'specs/cap-cp.ts',
  'specs/eventual-consistency.ts',
  'specs/paxos-net.ts',
  'specs/multi-paxos.ts',
  'specs/raft.ts',
]
const LIMIT = 200_000

type Net = Network<Message>
const netOf = (s: unknown): Net | undefined => (s as { net?: Net }).net
const key = (m: Message): string => JSON.stringify(m)

for (const file of process.argv.length > 2 ? process.argv.slice(2) : DEFAULT) {
  const spec = (await import(pathToFileURL(resolve(file)).href)).default as AnySpec
  const p = prepare(spec, resolveOptions({}))
  const seen = new Set<string>()
  const queue: unknown[] = []
  for (const s of p.initStates()) if (!seen.has(fingerprintHex(s))) (seen.add(fingerprintHex(s)), queue.push(s))
  const sendsTo = new Map<string, Set<string>>()
  const actors = new Set<string>()
  let unattributed = 0
  for (let i = 0; i < queue.length && seen.size < LIMIT; i++) {
    const s = queue[i]
    const before = netOf(s)
    for (const [action, t] of p.expand(s)) {
      const a = action as { name: string; node?: string; to?: string }
      const actor = a.name === 'Deliver' ? a.to : a.node
      const after = netOf(t)
      if (actor === undefined) unattributed++
      else if (before && after) {
        actors.add(actor)
        const had = new Map<string, number>()
        for (const m of messages(before)) had.set(key(m), (had.get(key(m)) ?? 0) + 1)
        for (const m of messages(after)) {
          const n = had.get(key(m)) ?? 0
          if (n > 0) had.set(key(m), n - 1)
          else (sendsTo.get(actor) ?? sendsTo.set(actor, new Set()).get(actor)!).add(m.to)
        }
      }
      const h = fingerprintHex(t)
      if (!seen.has(h)) (seen.add(h), queue.push(t))
    }
  }
  // Strongly connected: from every actor, every other actor is reachable along "sends to".
  const reach = (from: string): Set<string> => {
    const r = new Set([from])
    const todo = [from]
    while (todo.length > 0) for (const to of sendsTo.get(todo.pop()!) ?? []) if (!r.has(to)) (r.add(to), todo.push(to))
    return r
  }
  const all = [...actors].sort()
  const strongly = all.every((a) => all.every((b) => reach(a).has(b)))
  const edges = all.map((a) => `${a}→{${[...(sendsTo.get(a) ?? [])].sort().join(',')}}`).join(' ')
  console.log(`${spec.name}: ${seen.size.toLocaleString('en-US')} states${seen.size >= LIMIT ? ' (bounded)' : ''}; sends-to graph ${strongly ? 'strongly connected' : 'NOT strongly connected'}: ${edges}; ${unattributed.toLocaleString('en-US')} steps of no node (faults on the network: dependent on every step)`)
}
