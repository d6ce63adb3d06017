/**
 * `stateSpace(result)`: where a search's states are, as text for a snapshot (`expect(stateSpace(r))
 * .toMatchSnapshot()`): the verdicts, each counterexample's length and steps, the distinct states
 * found at each depth and, per action, the steps taken and the new states they found. An edit
 * that changes the state space then shows in the snapshot's diff at which depths and by which
 * actions, where the `expect` block's totals only say by how much (this repository's golden
 * suite pins the same in JSON files). Text, one line each, in the search's order: a snapshot of
 * an object sorts its keys, and depth 10 came before depth 2.
 */
import { actionLabel } from '../core/action.ts'
import { said } from '../core/expect.ts'
import type { CheckResult } from '../core/result.ts'

export function stateSpace(r: CheckResult): string {
  const out = [`${r.spec}: ${r.complete ? 'complete' : `incomplete (${r.stopReason ?? 'stopped'})`}`, 'verdicts:']
  // A `sometimes` reads as the summary says it: witnessed, or never reached.
  for (const p of r.properties) out.push(`  ${p.name}: ${said(p.kind, p.verdict)}`)
  const traced = r.properties.filter((p) => p.verdict === 'violated' && p.trace)
  if (traced.length > 0) out.push('counterexamples:')
  for (const p of traced) {
    const t = p.trace!
    const steps = t.steps.map((s) => (s.action ? actionLabel(s.action) : 'init')).join(', ')
    out.push(`  ${p.name}: ${t.steps.length} states${t.loopStart !== undefined ? `, loop from ${t.loopStart + 1}` : ''}: ${steps}`)
  }
  out.push('states at depth:')
  ;(r.stats.levels ?? []).forEach((l, i) => {
    if (l.distinct > 0) out.push(`  ${i + 1}: ${l.distinct}`)
  })
  out.push('actions:')
  for (const c of r.coverage) out.push(`  ${c.name}: ${c.fired} taken, ${c.discovered} new`)
  return `${out.join('\n')}\n`
}
