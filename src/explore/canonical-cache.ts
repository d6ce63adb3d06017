/**
 * Under symmetry, most successors a search generates are states it generated a moment before:
 * two orders of two steps reach one state, and a state's siblings and cousins are expanded one
 * after another. Each of them used to pay for its canonical fingerprint (the representative of its
 * orbit, or the model's `symmetryFingerprint`), the dearest part of a step under symmetry. This
 * table remembers, for the last states met at each of its slots, their own fingerprint and their
 * canonical one, so a state met again is canonicalised by one lookup. The state's own fingerprint
 * (the schema's compiled hash, or the generic one) reuses the parts of the state being expanded
 * (`parent`), so it costs a fraction of the canonical one.
 *
 * Exact as fingerprints are: the canonical fingerprint is a function of the state, so a hit gives
 * what canonicalising would; a wrong answer needs two different states with the same 64-bit
 * fingerprint, the event every visited set of fingerprints already risks (one more chance per
 * lookup against the states in the table: 2^16 of them, against every visited state for the
 * visited set's own collisions).
 *
 * Used where canonicalising builds the representative (the generic `canonicalize`, a model's
 * `symmetry`); not where the model hashes it without building it (`symmetryFingerprint`: Raft,
 * paxos-net), where about half the successors were found in the table too but the CPU fell by 0
 * to 5%. Measured in docs/performance.md, "Symmetry: a table of canonical fingerprints".
 */
import { StateValueError, recordFingerprintParts, rememberFingerprintParts } from '../state/fingerprint.ts'
import type { Fingerprint } from '../state/fingerprint.ts'

/** log2 of the slots: 2^16 slots of 16 bytes (1 MiB, allocated at the first lookup). On Raft
 * with `--symmetry --por` 2^12 slots found 43% of the successors, 2^16 50%, 2^20 55%. */
const BITS = 16

export class CanonicalCache {
  /** Per slot: the state's own fingerprint (hi, lo), then its canonical one (hi, lo). */
  private table: Int32Array | undefined
  private readonly own: Fingerprint = { hi: 0, lo: 0 }
  /** Where `keep` writes: the slot `find` missed, or -1. */
  private at = -1
  /** Off once a state's own fingerprint fails otherwise than by a value outside the schema (a
   * cyclic value): the canonical path then hashes it its own way, or reports the error naming the
   * step. A state outside the schema (`StateValueError`) is thrown to the caller, which reports
   * it: the representative, built from the schema's fields, would not show it. */
  private on = true

  constructor(private readonly hash: (state: unknown, out?: Fingerprint) => void) {}

  /** The state about to be expanded: its successors' own fingerprints reuse its parts. */
  parent(state: unknown): void {
    if (!this.on) return
    recordFingerprintParts()
    try {
      this.hash(state, this.own)
    } catch {
      this.on = false
    }
    rememberFingerprintParts()
  }

  /** Turns the table off (a state its hash refuses that is not the caller's error). */
  disable(): void {
    this.on = false
  }

  /** Writes `state`'s canonical fingerprint into `out` when the table has it; otherwise false,
   * and `keep` must be told the canonical fingerprint once it is computed. */
  find(state: unknown, out: Fingerprint): boolean {
    this.at = -1
    if (!this.on) return false
    const own = this.own
    try {
      this.hash(state, own)
    } catch (e) {
      if (e instanceof StateValueError) throw e
      this.on = false
      return false
    }
    const t = (this.table ??= new Int32Array(4 << BITS))
    const i = (own.lo & ((1 << BITS) - 1)) << 2
    if (t[i] === own.hi && t[i + 1] === own.lo) {
      out.hi = t[i + 2] as number
      out.lo = t[i + 3] as number
      return true
    }
    this.at = i
    return false
  }

  /** The canonical fingerprint of the state `find` missed. */
  keep(canonical: Fingerprint): void {
    const i = this.at
    if (i < 0) return
    const t = this.table as Int32Array
    t[i] = this.own.hi
    t[i + 1] = this.own.lo
    t[i + 2] = canonical.hi
    t[i + 3] = canonical.lo
    this.at = -1
  }
}
