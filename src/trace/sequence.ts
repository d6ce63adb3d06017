/**
 * A trace as a message sequence: the nodes (lifelines), the messages (arrows from the step that
 * sent them to the step that delivered or dropped them) and the node and network events (crash,
 * restart, timeout, partition, heal). The HTML viewer draws it; this module only reads the trace.
 *
 * How it is read (the convention shared with `src/net`):
 * - A step that carries an event (models built with the actor harness, src/net/actor.ts, say
 *   what each step is: `TraceStep.event`, stored in the ITF's `#meta`) takes its kind and node
 *   from it. The rules below, which read action names, are for models that say nothing.
 * - A message-passing model keeps its network in the state field `net` (a `src/net` Network), and
 *   `messages(net)` lists its messages as records `{ from, to, type, ... }`. A message that appears
 *   in `net` at a step was sent there (by `from`); one that disappears was delivered (`Deliver`
 *   steps) or lost (`Drop`, or a crash of its receiver). In a `set` network nothing is ever
 *   removed, so each `Deliver` step (fields `from`, `to`, `msg`) draws its own arrow from the step
 *   that sent `msg`; a message never delivered is drawn as still in flight.
 * - Node events come from the action: `Crash` / `Restart` / `Timeout…` with a `node` field,
 *   `Partition` (`groups`, `label`) and `Heal`; `Drop` / `Duplicate` carry `from`, `to`, `msg`.
 * - The node an action concerns (its dot on a lifeline) is, in order: its `node` field; `to` for a
 *   delivery; for names with a role prefix like `RMPrepare` / `TMCommit`, the parameter named after
 *   the role (`rm`), else the role itself (`TM`: a singleton); else its only string parameter.
 * - Models without a `net` (TLA+ style, like TwoPhase.tla's `msgs`): the first top-level variable
 *   that is an array of records with a string `type` is taken as the set of messages ever sent.
 *   A new message is sent by the node of the step that added it (or by its `from` field); it is
 *   received by a later receive-like step (name containing Rcv/Recv/Receive/Deliver/Handle) whose
 *   name contains the message type and whose parameters agree with the message's fields
 *   (`TMRcvPrepared(rm: r2)` reads `{type: Prepared, rm: r2}`). Such a message has no single
 *   receiver, so it may have several arrows (one per receive) or none (drawn as sent only).
 * - A step of a model with no messages in its state whose action has a `node` and a `to` (another
 *   node: `Prepare(node: p1, to: a1)`, an RPC-style model) is drawn as a call arrow within its row.
 * - Lifelines are grouped by role. A node's role is the first top-level state variable that is a
 *   record keyed by node ids and has the node as a key (`proposers: {p1, p2}`, `acceptors: {a1,
 *   a2, a3}`: the model's own grouping and order); such a record also adds its other keys as
 *   lifelines, so a node no step concerns still has one. A node in no such record takes the
 *   letters its id starts with as its role (`r1`, `r2` → `r`; `TM` → `TM`), sorted naturally
 *   (r2 before r10). Roles are ordered by the first appearance of any of their nodes. When no step
 *   concerns any node, there is no diagram (the viewer shows only the step list).
 * - When a node is down is read from the state, where it says: a `src/net` network's `down` set,
 *   else a top-level `down` / `crashed` / `failed` array of node ids. Only a state without such a
 *   set falls back to the `Crash` / `Restart` actions (a crash and a restart in one step are then
 *   indistinguishable from a crash, which is why the state wins).
 */
import type { Action } from '../core/action.ts'
import type { StepKind as EventKind } from '../core/event.ts'
import { actionLabel } from '../core/action.ts'
import type { Trace } from '../core/result.ts'
import type { Value } from '../core/value.ts'
import type { Message, Network } from '../net/index.ts'
import { messageLabel, messages } from '../net/index.ts'
import { canonicalItf, toItfValue } from './itf-value.ts'
import { formatValue, toPlain } from './format-value.ts'
import { unrecordedStepLabel } from './step-label.ts'

export type StepKind = 'init' | EventKind

export interface SeqStep {
  readonly index: number
  readonly label: string
  readonly kind: StepKind
  /** The node the step concerns, or null (network faults, steps of no particular node). */
  readonly node: string | null
}

export interface Arrow {
  readonly from: string
  /** The receiver; null when unknown (a TLA+-style message nobody has read). */
  readonly to: string | null
  readonly label: string
  readonly sendStep: number
  /** The step that delivered or dropped it; null while still in flight at the end. */
  readonly endStep: number | null
  /** `call`: a step in which one node acts on another directly (see the rules above). */
  readonly fate: 'delivered' | 'dropped' | 'in-flight' | 'call'
  /** This copy was made by a `Duplicate` fault. */
  readonly duplicate: boolean
}

export interface Mark {
  readonly kind: 'crash' | 'restart' | 'timeout' | 'partition' | 'heal' | 'duplicate'
  readonly step: number
  readonly node: string | null
  readonly label: string
}

/** A group of lifelines drawn side by side under one caption. */
export interface Role {
  /** The state variable that names the group (`acceptors`), or the ids' common prefix (`r`). */
  readonly name: string
  /** True when the name is a state variable (worth a caption), false for an id prefix. */
  readonly fromState: boolean
  readonly nodes: readonly string[]
}

/** A stretch in which a node is down: from the first step whose state has it down to the step
 * that brought it back (null: still down at the end). */
export interface Down {
  readonly node: string
  readonly from: number
  readonly to: number | null
}

export interface Sequence {
  /** Every lifeline, role by role (the concatenation of `roles[].nodes`). */
  readonly nodes: readonly string[]
  readonly roles: readonly Role[]
  readonly downs: readonly Down[]
  readonly steps: readonly SeqStep[]
  readonly arrows: readonly Arrow[]
  readonly marks: readonly Mark[]
}

const FAULT_KINDS: readonly [RegExp, StepKind][] = [
  // "Drop", "LoseMsg", "MessageLoss", "msg_lost": a word of the name, not letters inside one
  // (tcp.tla's CLOSE_LISTEN is a user's command, not a lost message).
  [/^(?:drop|lose|loss|lost)/i, 'drop'],
  [/[a-z](?:Lose|Loss|Lost)|_(?:lose|loss|lost|LOSE|LOSS|LOST)(?:_|$)/, 'drop'],
  [/^dup/i, 'duplicate'],
  [/^crash|^fail|^kill/i, 'crash'],
  [/^restart|^recover|^reboot/i, 'restart'],
  [/^heal/i, 'heal'],
  [/^partition/i, 'partition'],
  [/timeout|timer|^tick/i, 'timeout'],
]
const RECEIVE = /deliver|receive|recv|rcv|handle/i

export function classify(a: Action): StepKind {
  for (const [re, kind] of FAULT_KINDS) if (re.test(a.name)) return kind
  if (RECEIVE.test(a.name)) return 'deliver'
  return 'local'
}

/** The node an action concerns (see the rules above). */
export function nodeOf(action: Action, kind: StepKind = classify(action)): string | null {
  const a = fieldsOf(action)
  if (typeof a.node === 'string') return a.node
  if (kind === 'drop' || kind === 'duplicate' || kind === 'partition' || kind === 'heal') return null
  if (kind === 'deliver' && typeof a.to === 'string') return a.to
  const params = Object.keys(a).filter((k) => k !== 'name' && k !== 'label' && typeof a[k] === 'string')
  const role = /^([A-Z]{2,})(?=[A-Z][a-z0-9]|$)/.exec(action.name)?.[1]
  if (role) {
    const own = params.find((k) => k.toLowerCase() === role.toLowerCase())
    return own ? (a[own] as string) : role
  }
  return params.length === 1 ? (a[params[0] as string] as string) : null
}

/** An action's fields (actions are plain records; the type only promises `name`). */
const fieldsOf = (a: Action): Rec => a as unknown as Rec

const keyOf = (v: Value): string => canonicalItf(toItfValue(v))

function isNetwork(v: unknown): v is Network {
  if (typeof v !== 'object' || v === null) return false
  const s = (v as { semantics?: unknown }).semantics
  return s === 'set' || s === 'bag' || s === 'fifo'
}

type Rec = Record<string, Value>
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The message records of a state, and whether they are a `set` (never removed). */
type MessageSource = (state: Rec) => { msgs: readonly Rec[]; neverRemoved: boolean } | null

function messageSource(first: unknown): MessageSource | null {
  if (!isRec(first)) return null
  if (isNetwork(first.net)) {
    return (s) =>
      isNetwork(s.net)
        ? { msgs: messages(s.net as unknown as Network) as unknown as Rec[], neverRemoved: s.net.semantics === 'set' }
        : null
  }
  const v = Object.keys(first).find((k) => {
    const x = first[k]
    return Array.isArray(x) && (x.length === 0 || x.every((m) => isRec(m) && typeof m.type === 'string'))
      && /msg|message|sent|network/i.test(k)
  })
  if (v === undefined) return null
  return (s) => {
    const x = s[v]
    return Array.isArray(x) ? { msgs: x.filter(isRec), neverRemoved: true } : null
  }
}

/** `Prepare(1) c→p2` for src/net messages, `Prepared(r1)` for TLA+-style ones. */
function labelOf(m: Rec): string {
  if (typeof m.type !== 'string') return formatValue(m)
  if (typeof m.from === 'string' && typeof m.to === 'string') return messageLabel(m as Message)
  const payload = Object.keys(m).filter((k) => k !== 'type').sort().map((k) => formatValue(m[k] as Value))
  return payload.length ? `${m.type}(${payload.join(', ')})` : m.type
}

interface Copy {
  readonly key: string
  readonly msg: Rec
  readonly sendStep: number
  readonly sender: string | null
  readonly duplicate: boolean
  consumed: boolean
  reads: number
}

export function sequenceOf(trace: Trace): Sequence {
  const states = trace.steps.map((s) => toPlain(s.state))
  const source = messageSource(states[0])
  const nodes: string[] = []
  const see = (n: string | null | undefined): void => {
    if (typeof n === 'string' && !nodes.includes(n)) nodes.push(n)
  }
  const steps: SeqStep[] = []
  const arrows: Arrow[] = []
  const marks: Mark[] = []
  const copies: Copy[] = []
  const arrowFor = (c: Copy, to: string | null, endStep: number | null, fate: Arrow['fate']): void => {
    if (c.sender === null) return
    see(c.sender)
    see(to)
    arrows.push({ from: c.sender, to, label: labelOf(c.msg), sendStep: c.sendStep, endStep, fate, duplicate: c.duplicate })
  }

  let prevMsgs: readonly Rec[] = []
  states.forEach((state, i) => {
    const action = trace.steps[i]?.action ?? null
    // A step the model described (its `event`) is drawn as described; otherwise from the names.
    const event = trace.steps[i]?.event
    const kind: StepKind = event ? event.kind : action ? classify(action) : 'init'
    const node = event ? event.node : action ? nodeOf(action, kind) : null
    steps.push({ index: i, label: action ? actionLabel(action) : unrecordedStepLabel(states, i), kind, node })
    const found = source && isRec(state) ? source(state) : null
    const msgs = found?.msgs ?? []
    const { added, removed } = diffMessages(prevMsgs, msgs)
    prevMsgs = msgs

    // Removed copies (bag / fifo): delivered, dropped, or lost with a crashed receiver.
    for (const m of removed) {
      const key = keyOf(m)
      const c = copies.find((x) => !x.consumed && x.key === key)
      if (!c) continue
      c.consumed = true
      const fate = kind === 'deliver' ? 'delivered' : 'dropped'
      arrowFor(c, typeof m.to === 'string' ? m.to : null, i, fate)
    }
    // A delivery in a network that never removes anything: read the message in place.
    if (kind === 'deliver' && found?.neverRemoved && action) {
      const read = readBy(action, node, copies, i)
      for (const c of read) {
        c.reads++
        arrowFor(c, typeof c.msg.to === 'string' ? c.msg.to : node, i, 'delivered')
      }
    }
    see(node)
    for (const m of added) {
      const sender = typeof m.from === 'string' ? m.from : node
      copies.push({ key: keyOf(m), msg: m, sendStep: i, sender, duplicate: kind === 'duplicate', consumed: false, reads: 0 })
      see(sender)
    }
    // RPC style: no messages in the state, an action with a `node` and another node in `to`.
    const to = action ? fieldsOf(action).to : undefined
    if (action && source === null && kind === 'local' && typeof to === 'string' && node !== null && to !== node) {
      see(to)
      arrows.push({ from: node, to, label: action.name, sendStep: i, endStep: i, fate: 'call', duplicate: false })
    }
    if (action) addMark(action, kind, node, i, marks)
  })
  for (const c of copies) {
    if (!c.consumed && c.reads === 0) arrowFor(c, typeof c.msg.to === 'string' ? c.msg.to : null, null, 'in-flight')
  }
  for (const m of marks) see(m.node)
  const roles = rolesOf(nodes, states)
  return { nodes: roles.flatMap((r) => r.nodes), roles, steps, arrows, marks, downs: downsOf(states, marks, roles.flatMap((r) => r.nodes)) }
}

const ID = /^[A-Za-z_][\w-]*$/
const prefixOf = (id: string): string => /^[A-Za-z_]*/.exec(id)?.[0] || id
const natural = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true })

/** The roles of `seen` (nodes in order of first appearance), read from the state (see above). */
function rolesOf(seen: readonly string[], states: readonly Value[]): Role[] {
  const last = states[states.length - 1]
  const known = new Set(seen)
  const byRole = new Map<string, { name: string; fromState: boolean; nodes: string[] }>()
  const roleOf = new Map<string, string>()
  if (isRec(last)) {
    for (const k of Object.keys(last)) {
      const v = last[k]
      if (!isRec(v) || k === 'net') continue
      const keys = Object.keys(v)
      if (keys.length > 64 || !keys.some((n) => known.has(n)) || !keys.every((n) => ID.test(n))) continue
      const fresh = keys.filter((n) => !roleOf.has(n))
      if (fresh.length === 0) continue
      byRole.set(`var ${k}`, { name: k, fromState: true, nodes: fresh })
      for (const n of fresh) roleOf.set(n, k)
    }
  }
  const prefixed = seen.filter((n) => !roleOf.has(n))
  for (const n of prefixed) {
    const p = `prefix ${prefixOf(n)}`
    const r = byRole.get(p) ?? { name: prefixOf(n), fromState: false, nodes: [] }
    r.nodes.push(n)
    byRole.set(p, r)
    roleOf.set(n, p)
  }
  const firstSeen = (r: { nodes: readonly string[] }): number => {
    const at = r.nodes.map((n) => seen.indexOf(n)).filter((i) => i >= 0)
    return at.length ? Math.min(...at) : seen.length
  }
  return [...byRole.values()]
    .map((r) => ({ name: r.name, fromState: r.fromState, nodes: r.fromState ? r.nodes : [...r.nodes].sort(natural), at: firstSeen(r) }))
    .sort((a, b) => a.at - b.at)
    .map(({ at: _at, ...r }) => r)
}

/** The nodes a state says are down, or null when it has no such set. */
function downSet(state: Value | undefined): readonly string[] | null {
  if (!isRec(state)) return null
  if (isNetwork(state.net)) return (state.net.down as readonly string[]) ?? null
  const k = Object.keys(state).find((x) => /^(down|crashed|failed)$/i.test(x))
  const v = k === undefined ? undefined : state[k]
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null
}

function downsOf(states: readonly Value[], marks: readonly Mark[], nodes: readonly string[]): Down[] {
  const out: Down[] = []
  if (states.length > 0 && states.every((s) => downSet(s) !== null)) {
    for (const node of nodes) {
      let since: number | null = null
      states.forEach((s, i) => {
        const down = (downSet(s) as readonly string[]).includes(node)
        if (down && since === null) since = i
        if (!down && since !== null) {
          out.push({ node, from: since, to: i })
          since = null
        }
      })
      if (since !== null) out.push({ node, from: since, to: null })
    }
    return out
  }
  // No down set in the state: pair each Crash with the next Restart of the same node.
  for (const node of nodes) {
    let since: number | null = null
    for (const m of marks) {
      if (m.node !== node) continue
      if (m.kind === 'crash' && since === null) since = m.step
      if (m.kind === 'restart' && since !== null) {
        out.push({ node, from: since, to: m.step })
        since = null
      }
    }
    if (since !== null) out.push({ node, from: since, to: null })
  }
  return out
}

/** The copies a receive step in a never-removing network reads. */
function readBy(action: Action, node: string | null, copies: readonly Copy[], step: number): Copy[] {
  const a = fieldsOf(action)
  if (isRec(a.msg)) {
    const key = keyOf(a.msg)
    const latest = [...copies].reverse().find((c) => c.key === key && c.sendStep < step)
    return latest ? [latest] : []
  }
  // TLA+ style: the message whose type the action names and whose fields agree with its params.
  const name = action.name.toLowerCase()
  const candidates = copies.filter((c) => {
    if (c.sendStep >= step || c.sender === node) return false
    const type = c.msg.type
    if (typeof type !== 'string' || !name.includes(type.toLowerCase())) return false
    return Object.keys(c.msg).every((k) => k === 'type' || !(k in a) || keyOf(a[k] as Value) === keyOf(c.msg[k] as Value))
  })
  const latest = candidates[candidates.length - 1]
  return latest ? [latest] : []
}

function addMark(action: Action, kind: StepKind, node: string | null, step: number, marks: Mark[]): void {
  const a = fieldsOf(action)
  switch (kind) {
    case 'crash':
    case 'restart':
    case 'timeout':
      marks.push({ kind, step, node, label: actionLabel(action) })
      return
    case 'partition':
      marks.push({ kind, step, node: null, label: typeof a.label === 'string' ? a.label : actionLabel(action) })
      return
    case 'heal':
      marks.push({ kind, step, node: null, label: 'healed' })
      return
    case 'duplicate':
      marks.push({ kind, step, node: typeof a.from === 'string' ? a.from : null, label: actionLabel(action) })
      return
    default:
      return
  }
}

function diffMessages(a: readonly Rec[], b: readonly Rec[]): { added: Rec[]; removed: Rec[] } {
  const left = new Map<string, Rec[]>()
  for (const m of a) {
    const k = keyOf(m)
    left.set(k, [...(left.get(k) ?? []), m])
  }
  const added: Rec[] = []
  for (const m of b) {
    const k = keyOf(m)
    const rest = left.get(k)
    if (rest && rest.length > 0) rest.pop()
    else added.push(m)
  }
  const removed = [...left.values()].flat()
  return { added, removed }
}
