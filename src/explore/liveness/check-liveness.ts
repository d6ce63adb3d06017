/**
 * Liveness under fairness (design §5): builds the explored state graph, then decides each
 * `eventually` / `leadsTo` / `alwaysEventually` property by looking for a fair cycle, reachable in
 * the right way, on which the property's goal never holds:
 *
 * - `eventually(P)`: a fair cycle reachable from an initial state through ¬P states only;
 * - `leadsTo(P, Q)`: from a reachable state with P ∧ ¬Q, a fair cycle reachable through ¬Q states;
 * - `alwaysEventually(P)`: a reachable fair cycle of ¬P states (□◇P ≡ TRUE ~> P).
 *
 * A cycle may be a single state that stutters (no fair group enabled there). A violation is
 * reported as a lasso. The graph is recorded during the safety search: by the BFS (the default;
 * with worker threads, `parallel/record-graph.ts`; over worker processes,
 * `distributed/record-levels.ts`; kept in checkpoints) or the DFS (`dfs-recorder.ts`).
 */
import { upToText } from '../../core/result.ts'
import type { Value } from '../../core/value.ts'
import { valuesEqual } from '../../state/data.ts'
import { actionLabel } from '../../core/action.ts'
import { option } from '../../core/errors.ts'
import type { CheckOptions } from '../../core/options.ts'
import { defaultOptions } from '../../core/options.ts'
import type { LivenessStats, PropertyResult } from '../../core/result.ts'
import { fairnessName } from '../../core/fairness.ts'
import type { Prepared } from '../prepare.ts'
import { findFairComponents, Tags } from './fair-cycle.ts'
import { EXPANDED } from './graph.ts'
import { GraphRecorder, livenessLabels } from './recorder.ts'
import type { Bits, LiveProperty } from './recorder.ts'
import type { LivenessGraph } from './graph.ts'
import { loopThrough, searchPath, treePath } from './lasso.ts'
import type { GraphStep } from './lasso.ts'
import { replayLasso } from './replay-lasso.ts'
import { SccFinder } from './scc.ts'
import { LassoScratch, shorterLasso } from './shorter-lasso.ts'
import { fairnessSummary, livenessWarnings } from './warnings.ts'
import { checkFairnessSymmetry } from './fairness-symmetry.ts'

export interface LivenessOutcome {
  /** One result per liveness property, in `p.liveness` order. */
  readonly properties: readonly PropertyResult[]
  readonly warnings: readonly string[]
  readonly stats: LivenessStats | undefined
}

/** The recorder a BFS fills with the liveness graph as it searches (`bfs(p, options, rec)`), after
 * the check that the fairness groups are symmetric (under symmetry: `fairness-symmetry.ts`). */
export function livenessRecorder(p: Prepared, options: Pick<CheckOptions, 'maxStates' | 'maxDepth' | 'stepTimeoutSeconds'> = defaultOptions): GraphRecorder {
  checkFairnessSymmetry(p, options)
  return new GraphRecorder(p, livenessLabels(p).predicates)
}

/**
 * Decides the liveness properties on `graph`, recorded by the safety search (the BFS on one thread
 * or many, plain or packed, resumed or not; the DFS; worker processes): there is no second search.
 */
export async function checkLiveness(p: Prepared, options: CheckOptions, graph?: LivenessGraph): Promise<LivenessOutcome> {
  const props = p.liveness as readonly LiveProperty[]
  if (props.length === 0) return { properties: [], warnings: [], stats: undefined }
  if (options.strategy === 'simulate') {
    return {
      properties: props.map((prop) => ({ name: prop.name, kind: prop.kind, verdict: 'not-checked', note: `simulation does not check liveness, which needs the whole state graph: run without ${option('strategy')} simulate` })),
      warnings: [],
      stats: undefined,
    }
  }
  const { bits } = livenessLabels(p)
  if (graph === undefined) throw new Error('liveness: the search recorded no graph')
  const g = graph
  const t0 = performance.now()
  const results: PropertyResult[] = []
  const extra: string[] = []
  let scratch = 0
  if (g.stopReason) {
    for (const prop of props) {
      results.push({ name: prop.name, kind: prop.kind, verdict: 'unknown', note: `the state graph is incomplete (${g.stopReason}): liveness is decided only on a complete graph` })
    }
  } else {
    const member = new Int32Array(g.size)
    const tags = new Tags(member)
    const finder = new SccFinder(g, member)
    // Allocated for the first violated property only.
    let lassos: LassoScratch | undefined
    const lassoScratch = (): LassoScratch => (lassos ??= new LassoScratch(g))
    // Whether some fair behaviour stays within the state constraint, asked once (only where it
    // cut states and a property holds): if none does, every 'holds' is about no behaviour at all.
    let staysWithin: boolean | undefined
    const fairWithin = (): boolean => (staysWithin ??= anyFairBehaviour(p, g, finder, tags))
    props.forEach((prop, i) => {
      const decided = decide(p, g, { finder, tags, lassoScratch }, prop, bits[i])
      const { stuck } = decided
      const result = decided.result.verdict === 'holds' && g.cut > 0 && !fairWithin() ? vacuousWithin(decided.result) : decided.result
      results.push(result)
      if (stuck) {
        extra.push(`liveness: the counterexample to ${prop.name} ends in a state with no successor (none but steps that leave it as it is): if a bound of the model (a budget, a maximum ballot) rather than the protocol stops it there, the violation is an artifact of the bound`)
      }
    })
    scratch = member.byteLength + finder.bytes() + (lassos?.bytes() ?? 0)
  }
  const { nodes, edges } = g.bytes()
  const stats: LivenessStats = {
    states: g.size,
    edges: g.edgeCount,
    graphBytes: nodes + edges,
    bytesPerState: g.size > 0 ? nodes / g.size : 0,
    bytesPerEdge: g.edgeCount > 0 ? edges / g.edgeCount : 0,
    analysisBytes: scratch,
    buildSeconds: g.seconds,
    analysisSeconds: (performance.now() - t0) / 1000,
  }
  return { properties: results, warnings: [...livenessWarnings(p, g), ...extra], stats }
}

/**
 * Whether the expanded graph holds a fair behaviour at all: a fair component among the states
 * within the constraint (every node is reachable from an initial state, and the cut states are
 * not expanded, so a behaviour that reaches one leaves what was examined). Without a constraint
 * there always is one (a bottom component of a finite graph takes every group enabled in it, and
 * a terminal state stutters fairly); with one, every bottom component may have steps out of it
 * into cut states (a clock bound that every fair behaviour passes), and then there is none.
 */
function anyFairBehaviour(p: Prepared, g: LivenessGraph, finder: SccFinder, tags: Tags): boolean {
  const within: number[] = []
  for (let v = 0; v < g.size; v++) if ((g.flags.get(v) & EXPANDED) !== 0) within.push(v)
  const { weak, strong } = masks(p)
  return findFairComponents(g, finder, tags, within, weak, strong).length > 0
}

/** A 'holds' where no fair behaviour stays within the constraint: vacuous, as a leads-to whose
 * trigger is never reached (a spec expecting it to hold fails, saying why). */
const vacuousWithin = (r: PropertyResult): PropertyResult => ({
  ...r,
  verdict: 'vacuous',
  note: 'no fair behaviour stays within the state constraint (each one reaches a state it cuts), so no behaviour was examined: widen the constraint, or check without it',
})

/**
 * A leadsTo lasso's first step from which it is a counterexample (numbered as the trace's: path[k]
 * is step k + 1): the first where the trigger holds after the last where the goal does (the loop
 * is goal-free). A learner had to work out which step made the trigger hold.
 */
function triggerStep(g: LivenessGraph, path: readonly GraphStep[], b: Bits): number {
  let from = 0
  for (let k = 0; k < path.length; k++) if ((g.labels.get((path[k] as GraphStep).node) & b.goal) !== 0) from = k + 1
  for (let k = from; k < path.length; k++) if ((g.labels.get((path[k] as GraphStep).node) & b.from) !== 0) return k + 1
  return path.length
}

/** What the analysis of every property shares: scratch sized once per graph. */
interface Analysis {
  readonly finder: SccFinder
  readonly tags: Tags
  readonly lassoScratch: () => LassoScratch
}

/** The verdict on one property; `stuck`: its counterexample ends in a state with no successor that changes it. */
function decide(p: Prepared, g: LivenessGraph, { finder, tags, lassoScratch }: Analysis, prop: LiveProperty, b: Bits): { result: PropertyResult; stuck: boolean } {
  const member = tags.member
  const inRegion = (v: number): boolean => (g.flags.get(v) & EXPANDED) !== 0 && (g.labels.get(v) & b.goal) === 0
  // Where a bad behaviour's goal-free suffix may start.
  const starts: number[] = []
  if (prop.kind === 'eventually') {
    for (const r of g.roots) if (inRegion(r)) starts.push(r)
  } else {
    for (let v = 0; v < g.size; v++) if (inRegion(v) && (prop.kind === 'alwaysEventually' || (g.labels.get(v) & b.from) !== 0)) starts.push(v)
  }
  // A leads-to whose trigger no state reaches holds, but says nothing: reported vacuous, as an
  // invariant whose antecedent is never reached is.
  if (prop.kind === 'leadsTo' && starts.length === 0) {
    let triggered = false
    for (let v = 0; v < g.size && !triggered; v++) triggered = (g.labels.get(v) & b.from) !== 0
    if (!triggered) return { result: { name: prop.name, kind: prop.kind, verdict: 'vacuous', note: 'its trigger was never reached' }, stuck: false }
  }
  // The region reachable from the starts through goal-free states.
  const regionTag = tags.mark([])
  const live: number[] = []
  for (const s of starts) {
    if (member[s] === regionTag) continue
    member[s] = regionTag
    live.push(s)
  }
  for (let h = 0; h < live.length; h++) {
    const v = live[h]
    for (let e = g.start.get(v), end = g.start.get(v + 1); e < end; e++) {
      const w = g.target.get(e)
      if (member[w] === regionTag || !inRegion(w)) continue
      member[w] = regionTag
      live.push(w)
    }
  }
  const { weak, strong } = masks(p)
  const fairs = findFairComponents(g, finder, tags, live, weak, strong)
  const under = fairnessSummary(p)
  const fair = fairs[0]
  if (!fair) return { result: { name: prop.name, kind: prop.kind, verdict: 'holds', note: `under ${under}` }, stuck: false }

  // The first lasso, in the component holding the node first found: from an initial state to the
  // component (through goal-free states where needed), then a loop meeting the groups in order.
  let prefix: GraphStep[]
  if (prop.kind === 'alwaysEventually') {
    prefix = treePath(g, fair.nodes.reduce((a, v) => Math.min(a, v)))
  } else {
    const t = tags.mark(live)
    const inFair = new Set(fair.nodes)
    const found = searchPath(g, member, t, starts, (v) => inFair.has(v))!
    prefix = [...treePath(g, found.source), ...found.steps]
  }
  const first = { prefix, loop: loopThrough(g, tags, fair, prefix[prefix.length - 1].node, weak, p.fairness.length) }
  // A shorter one, where the other components, entries and loops give one (never a longer one).
  const lasso = shorterLasso({ g, tags, scratch: lassoScratch(), region: live, starts: prop.kind === 'alwaysEventually' ? live : starts, startsAreRoots: prop.kind === 'eventually', fair: fairs, weak, strong }, first)
  const entry = lasso.prefix[lasso.prefix.length - 1].node
  const loop = lasso.loop
  const path = [...lasso.prefix, ...loop.steps]
  const loopStart = lasso.prefix.length - 1
  const { trace, closing, closed } = replayLasso(p, g, { path, loopStart, closing: loop.closing })
  const n = trace.steps.length
  // "Up to" only where the loop closes on another state of the same key: one that closes on the
  // state itself was said to close on a renaming under every symmetry run.
  const keyed = p.model.view ? 'view' : p.symmetry ? 'symmetry' : undefined
  const upTo = keyed !== undefined && closing !== null && !valuesEqual(closed as Value, trace.steps[loopStart]?.state as Value) ? keyed : undefined
  const triggered = prop.kind === 'leadsTo' ? `its trigger holds in step ${triggerStep(g, path, b)} and its goal in no step from there; ` : ''
  const note =
    triggered +
    (closing
      ? `from step ${loopStart + 1} the behaviour repeats forever: after step ${n}, ${actionLabel(closing)} leads back to step ${loopStart + 1}${upToText(upTo)}`
      : `the behaviour stutters forever in step ${n}: no fair action is enabled there (${under})`)
  const stuck = !closing && g.start.get(entry) === g.start.get(entry + 1)
  const fairness = loop.closing ? whyFair(p, g, path, loopStart, loop.closing) : undefined
  return { result: { name: prop.name, kind: prop.kind, verdict: 'violated', trace: closing ? { ...trace, closing, ...(upTo ? { closesUpTo: upTo } : {}), ...(fairness ? { fairness } : {}) } : trace, note }, stuck }
}

/**
 * Why the loop of a lasso (`path[loopStart..]`, closed by `closing`) is a fair behaviour, group
 * by group, as a reader checks it: a group taken in the loop (at which step), or a weakly fair
 * one disabled in one of its states (which), or a strongly fair one never enabled in it. Steps
 * are numbered as the trace's (path[k] is step k + 1; the closing step comes after the last).
 */
function whyFair(p: Prepared, g: LivenessGraph, path: readonly GraphStep[], loopStart: number, closing: GraphStep): string[] {
  const n = path.length
  return p.fairness.map((f, j) => {
    const bit = 1 << j
    const name = fairnessName(f)
    for (let k = loopStart + 1; k < n; k++) if (((path[k] as GraphStep).groups & bit) !== 0) return `${name}: taken at step ${k + 1}`
    if ((closing.groups & bit) !== 0) return `${name}: taken by the step after step ${n}, back to step ${loopStart + 1}`
    for (let k = loopStart; k < n; k++) {
      const off = (g.enabled.get((path[k] as GraphStep).node) & bit) === 0
      if (f.kind === 'weak' && off) return `${name}: disabled at step ${k + 1}`
      if (f.kind === 'strong' && !off) throw new Error(`liveness: the loop from step ${loopStart + 1} takes no step of ${name}, enabled at step ${k + 1}`)
    }
    // (The fair-component search rules both out: a checker bug if either is reached.)
    if (f.kind === 'weak') throw new Error(`liveness: the loop from step ${loopStart + 1} takes no step of ${name}, enabled in every state of it`)
    return `${name}: never enabled in the loop`
  })
}

function masks(p: Prepared): { weak: number; strong: number } {
  let weak = 0
  let strong = 0
  p.fairness.forEach((f, j) => {
    if (f.kind === 'weak') weak |= 1 << j
    else strong |= 1 << j
  })
  return { weak, strong }
}
