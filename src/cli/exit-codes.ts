/** The CLI's exit codes (README "Exit codes"). */
export const EXIT = {
  /** Every verdict (and pinned count) is what the spec expects. */
  ok: 0,
  /** An unexpected violation, an expected violation not found, or counts that differ. */
  mismatch: 1,
  /** Usage or model error. */
  error: 2,
  /** A limit stopped the search before it completed. */
  incomplete: 3,
} as const

/** An error that leaves no verdict (a distributed run that lost a worker or its server,
 * `distributed/cluster.ts` `DistributedRunError`): exit 3, not 2. Read by its flag, so the CLI
 * does not import the distributed search to recognise it. */
export const hasNoVerdict = (e: unknown): boolean => e instanceof Error && (e as { noVerdict?: unknown }).noVerdict === true
