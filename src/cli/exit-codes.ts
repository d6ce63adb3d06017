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
