/**
 * The view both duelling-proposers models use (paxos-duelling-proposers.ts, paxos-net-duelling.ts)
 * to fold their unbounded proposal ids into a finite graph: ids at or above the lowest current id
 * of a proposing proposer (`floor`) are shifted down by a multiple of k, the number of proposers
 * (so each keeps its owner, id mod k); ids below it are kept by their rank only (-1 the highest);
 * 0 stays "none". Each model says which ids its state holds (`visit`) and rewrites them with the
 * returned function.
 */

/** The renumbering, or null while some proposing proposer has not started (id 0): the view is
 * then the state itself. */
export function ballotRenumbering(current: readonly number[], k: number, visit: (note: (n: number) => void) => void): ((n: number) => number) | null {
  if (current.some((n) => n === 0)) return null
  const floor = Math.min(...current)
  const base = Math.floor((floor - 1) / k) * k
  const old = new Set<number>()
  visit((n) => {
    if (n > 0 && n < floor) old.add(n)
  })
  const ranks = [...old].sort((a, b) => b - a)
  return (n) => (n === 0 ? 0 : n >= floor ? n - base : -1 - ranks.indexOf(n))
}
