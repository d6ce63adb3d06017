/**
 * What a checkpoint must match to be resumed: the spec, its parameters, the checked properties,
 * the options that change the state space, the model's source and the fingerprint function.
 * A checkpoint is refused when any of them differs, with the fields that differ in the message.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CheckOptions } from '../core/options.ts'
import { antecedentName } from '../core/property.ts'
import type { Prepared } from '../explore/prepare.ts'
import { packedRuntimeOf } from '../packed/packed-bfs.ts'

export interface CheckpointIdentity {
  readonly spec: string
  readonly model: string
  readonly params: string
  readonly properties: string
  readonly deadlock: boolean
  readonly symmetry: boolean
  readonly constraint: boolean
  /** SHA-256 over the spec module and the modules it imports outside the checker. */
  readonly source: string
  /** Fingerprint of the first initial state, as the search takes it (`Prepared.fingerprintOf`: a
   * packed model's words hash, a symmetry representative's, a view's): changes when the
   * fingerprint function does. */
  readonly probe: string
  /** How the frontier's states are encoded: a packed model's words, or plain states (`codec.ts`).
   * A packed model under --debug runs on plain states with the same fingerprints, so the probe
   * does not tell them apart. Absent from checkpoints written before it (not compared then). */
  readonly states?: 'words' | 'plain'
  /** Whether the search runs with sleep sets (`--por`): its frontier carries them, and a search
   * resumed with them gives the generated count of an uninterrupted reduced run, not of a full
   * one. Absent from checkpoints written before it. */
  readonly por?: boolean
  /** The fairness in force (`WF(Serve), SF(Relax)`; a predicate group by its label and a hash of
   * its text): the liveness graph a checkpoint holds carries each step's fairness groups, so a
   * resumed run under other fairness judged its lassos by the old groups. Absent from
   * checkpoints written before it. */
  readonly fairness?: string
}

const CHECKER_SRC = fileURLToPath(new URL('..', import.meta.url))

/** `sleep`: whether the search runs with sleep sets (`--por`), on threads or worker processes. */
export function identityOf(p: Prepared, options: CheckOptions, sleep = false): CheckpointIdentity {
  const params = { ...(p.spec.params ?? {}), ...p.params }
  return {
    spec: p.spec.name,
    model: p.model.name,
    params: JSON.stringify(Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)))),
    properties: [...p.safety, ...p.liveness].map((x) => x.name).join(','),
    deadlock: p.deadlock,
    symmetry: p.symmetry,
    constraint: p.constraint !== undefined,
    source: sourceHash(p, options.specUrl),
    probe: probeOf(p),
    states: packedRuntimeOf(p) ? 'words' : 'plain',
    por: sleep,
    fairness: p.fairness
      .map((f) => `${f.kind === 'weak' ? 'WF' : 'SF'}(${f.names ? f.names.join('|') : `${f.label} ${createHash('sha256').update(f.text ?? String(f.matches)).digest('hex').slice(0, 8)}`})`)
      .join(', '),
  }
}

function probeOf(p: Prepared): string {
  const f = { hi: 0, lo: 0 }
  p.fingerprintOf(p.initStates()[0], null, f)
  const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0')
  return hex(f.hi) + hex(f.lo)
}

export function differences(a: CheckpointIdentity, b: CheckpointIdentity): string[] {
  const keys = (Object.keys(a) as (keyof CheckpointIdentity)[]).filter((k) => a[k] !== b[k])
  // The probe is the first initial state's fingerprint: other parameters (a spec, a view...) change
  // it too, and "the fingerprint function changed" beside them misled. Said only when it alone differs.
  const shown = keys.length > 1 ? keys.filter((k) => k !== 'probe') : keys
  return shown.map((k) =>
    k === 'source'
      ? 'the model source changed'
      : k === 'probe'
        ? 'the fingerprint function changed'
        : k === 'properties'
          ? propertiesDiffer(a.properties, b.properties)
          : `${k}: ${String(a[k])} in the checkpoint, ${String(b[k])} now${k === 'states' ? ' (a packed model runs on plain states under --debug)' : ''}`,
  )
}

/** The checked properties of two identities as the user names them. The identity lists the hidden
 * witness of each antecedent too (`TCConsistent:when`, `antecedentName`), which the message
 * showed. Kept in the identity, so checkpoints written before still resume. A named witness the
 * search adds hidden (`explore/antecedents.ts`) is the user's name and stays listed: the list
 * does not tell it from a checked one. */
function propertiesDiffer(was: string, now: string): string {
  const [a, b] = [userProperties(was), userProperties(now)]
  return a === b ? `properties: ${a} in both, with an antecedent (when) added or removed` : `properties: ${a} in the checkpoint, ${b} now`
}

function userProperties(list: string): string {
  const names = list === '' ? [] : list.split(',')
  const shown = names.filter((n) => !names.some((m) => antecedentName(m) === n))
  return shown.length > 0 ? shown.join(', ') : 'none'
}

/**
 * The spec file and every file it reaches by relative or absolute imports (a path or a file: URL:
 * specs outside the checkout import the models by absolute path), outside the checker's own
 * source.
 * Without a spec URL (a spec object handed to `check()` directly), the text of the model's and
 * spec's functions stands in: weaker (it misses helpers they call), so the CLI always passes a URL.
 */
function sourceHash(p: Prepared, specUrl: string | undefined): string {
  const h = createHash('sha256')
  if (specUrl?.startsWith('file:')) {
    const root = fileURLToPath(specUrl)
    const seen = new Set<string>()
    const queue = [root]
    while (queue.length > 0) {
      const file = queue.shift()!
      if (seen.has(file) || !isFile(file) || file.startsWith(CHECKER_SRC)) continue
      seen.add(file)
      const text = readFileSync(file, 'utf8')
      h.update(relative(dirname(root), file)).update('\0').update(text).update('\0')
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]((?:\.{1,2})?\/[^'"]+|file:\/\/[^'"]+)['"]/g)) {
        // (What the pattern finds in a comment or a string may name no file: skipped.)
        const to = m[1] as string
        const path = to.startsWith('file:') ? filePath(to) : resolve(dirname(file), to)
        if (path !== undefined) queue.push(path)
      }
    }
    return h.digest('hex')
  }
  const m = p.model
  const fns: unknown[] = [m.init, m.next, m.view, m.symmetry, p.spec.config, p.spec.constraint, ...p.properties.map((x) => ('holds' in x ? x.holds : x.from))]
  for (const f of fns) h.update(String(f)).update('\0')
  return h.digest('hex')
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

const filePath = (url: string): string | undefined => {
  try {
    return fileURLToPath(url)
  } catch {
    return undefined
  }
}
