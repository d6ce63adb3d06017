/**
 * Emerson–Lei: is there a fair strongly connected component among `nodes`? A behaviour that stays
 * in a component C forever and visits all of it infinitely often is fair iff
 * - for each weakly fair group: the group is taken inside C, or disabled somewhere in C (then it
 *   is not continuously enabled); a group enabled everywhere in C and never taken inside it rules
 *   out C and every part of it;
 * - for each strongly fair group: the group is taken inside C, or enabled nowhere in C. If it is
 *   enabled somewhere but never taken, the states where it is enabled cannot recur in a fair
 *   behaviour: drop them and look again at the components of what is left.
 * Every state may stutter (TLA+'s [Next]_vars), so a single state is a cycle too: a fair one when
 * no fair group is enabled in it.
 *
 * Every fair component is returned, in the order of the smallest node id each holds (closest to
 * the initial states in BFS order), so the counterexample is the same on every run; the lasso
 * search (`shorter-lasso.ts`) looks among all of them for the shortest counterexample.
 */
import type { LivenessGraph } from './graph.ts'
import type { ComponentVisitor, SccFinder } from './scc.ts'

export interface FairComponent {
  readonly nodes: readonly number[]
  /** Groups taken inside the component. */
  readonly taken: number
}

export class Tags {
  private last = 0
  constructor(readonly member: Int32Array) {}
  /** A fresh tag given to `nodes`. */
  mark(nodes: ArrayLike<number>): number {
    const t = ++this.last
    for (let i = 0; i < nodes.length; i++) this.member[nodes[i]] = t
    return t
  }
}

export function findFairComponents(
  g: LivenessGraph,
  finder: SccFinder,
  tags: Tags,
  nodes: readonly number[],
  weak: number,
  strong: number,
): FairComponent[] {
  const fair: { c: FairComponent; min: number }[] = []
  // What is left of a component whose strongly fair groups are enabled in it but never taken
  // (its states where they are): looked at again once the finder is done with the pass before.
  const work: number[][] = []
  // Each component is judged as Tarjan completes it, on the finder's stack: a list is made only
  // for a fair component or what is left of an unfair one (most components are single states).
  const judge: ComponentVisitor = {
    component(stack, from, to) {
      const root = stack[from]
      let taken = 0
      let everywhere = -1
      let somewhere = 0
      let min = Number.POSITIVE_INFINITY
      for (let i = from; i < to; i++) {
        const v = stack[i]
        if (v < min) min = v
        const en = g.enabled.get(v)
        everywhere &= en
        somewhere |= en
        for (let e = g.start.get(v), end = g.start.get(v + 1); e < end; e++) {
          if (finder.inside(g.target.get(e), root)) taken |= g.groups.get(e)
        }
      }
      if ((weak & everywhere & ~taken) !== 0) return
      const bad = strong & somewhere & ~taken
      // (In the order Tarjan's stack pops them, last first: the order the lassos were built from.)
      const c: number[] = []
      for (let i = to - 1; i >= from; i--) if (bad === 0 || (g.enabled.get(stack[i]) & bad) === 0) c.push(stack[i])
      if (bad === 0) fair.push({ c: { nodes: c, taken }, min })
      else if (c.length > 0) work.push(c)
    },
  }
  finder.each(nodes, tags.mark(nodes), judge)
  while (work.length > 0) {
    const rest = work.pop()!
    finder.each(rest, tags.mark(rest), judge)
  }
  // Components are disjoint, so their smallest nodes differ.
  return fair.sort((a, b) => a.min - b.min).map((f) => f.c)
}
