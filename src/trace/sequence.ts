/**
 * A trace as a message sequence: the nodes (lifelines), the messages (arrows from the step that
 * sent them to the step that delivered or dropped them) and the node and network events (crash,
 * restart, timeout, partition, heal). The HTML viewer draws it; this module only reads the trace.
 *
 * How it is read (the convention shared with `src/net`):
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
 * - Nodes are listed in order of first appearance. When no step concerns any node, there is no
 *   diagram (the viewer shows only the step list).
 */
import type { Action } from '../core/action.ts'
import { actionLabel } from '../core/action.ts'
import type { Trace } from '../core/result.ts'
import type { Value } from '../core/value.ts'
import type { Message, Network } from '../net/index.ts'
import { messageLabel, messages } from '../net/index.ts'
import { canonicalItf, toItfValue } from './itf-value.ts'
import { formatValue, toPlain } from './format-value.ts'
import { unrecordedStepLabel } from './step-label.ts'

export type StepKind =
  | 'init'
  | 'local'
  | 'deliver'
  | 'drop'
  | 'duplicate'
  | 'crash'
  | 'restart'
  | 'timeout'
  | 'partition'
  | 'heal'

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
  readonly fate: 'delivered' | 'dropped' | 'in-flight'
  /** This copy was made by a `Duplicate` fault. */
  readonly duplicate: boolean
}

export interface Mark {
  readonly kind: 'crash' | 'restart' | 'timeout' | 'partition' | 'heal' | 'duplicate'
  readonly step: number
  readonly node: string | null
  readonly label: string
}

export interface Sequence {
  readonly nodes: readonly string[]
  readonly steps: readonly SeqStep[]
  readonly arrows: readonly Arrow[]
  readonly marks: readonly Mark[]
}

const FAULT_KINDS: readonly [RegExp, StepKind][] = [
  [/^drop|lose|loss/i, 'drop'],
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
    const kind: StepKind = action ? classify(action) : 'init'
    const node = action ? nodeOf(action, kind) : null
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
    if (action) addMark(action, kind, node, i, marks)
  })
  for (const c of copies) {
    if (!c.consumed && c.reads === 0) arrowFor(c, typeof c.msg.to === 'string' ? c.msg.to : null, null, 'in-flight')
  }
  for (const m of marks) see(m.node)
  return { nodes, steps, arrows, marks }
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
