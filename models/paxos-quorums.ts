/** Quorum systems for the Paxos models. */

/** Every subset of `nodes` with more than half of them, in lexicographic order of positions
 * (for a1..a3: {a1,a2}, {a1,a3}, {a2,a3}, as MCPaxos.tla writes them). Supersets of a majority are
 * left out: they change nothing that a minimal majority cannot already do. */
export const majorityQuorums = (nodes: readonly string[]): string[][] => quorumsOfSize(nodes, Math.floor(nodes.length / 2) + 1)

/** Every subset of `nodes` of the given size, in lexicographic order of positions (for a1..a3 and
 * 2: {a1,a2}, {a1,a3}, {a2,a3}). Larger sets change nothing a minimal quorum cannot do. */
export function quorumsOfSize(nodes: readonly string[], size: number): string[][] {
  const out: string[][] = []
  const pick = (from: number, acc: string[]): void => {
    if (acc.length === size) {
      out.push(acc)
      return
    }
    for (let i = from; i < nodes.length; i++) pick(i + 1, [...acc, nodes[i] as string])
  }
  pick(0, [])
  return out
}

/** True when every two quorums share a member (Paxos.tla's QuorumAssumption). */
export const quorumsIntersect = (quorums: readonly (readonly string[])[]): boolean =>
  quorums.every((q1) => quorums.every((q2) => q1.some((a) => q2.includes(a))))
