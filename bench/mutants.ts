/**
 * One-line mutants of a model, checked by the bundled specs: which ones does `npm run check`
 * catch? For issue #14 part 4 ("every one-line change to a quorum, a ballot/term comparison, a
 * vote/promise/accept rule, a commit rule, a timeout decision must be caught by the default
 * suite, or be argued equivalent").
 *
 * Usage: node --import tsx bench/mutants.ts models/paxos-net.ts [--max N] [--time-limit S] [--list]
 *          [--only LINE[,LINE…]] [--ops KIND[,KIND…]] [--from K] [--shard K/N] [--kill-after S]
 *   --ops: just the mutants of those kinds (see `Mutant.kind`; `--list` prints each one's kind).
 *   --kill-after S: kill a mutant's check after S seconds (default: --time-limit times the number
 *   of specs, plus 120) and report it undecided (`hung`).
 *   --only: just the mutants on those lines (as `--list` numbers them), to re-run survivors after
 *   a fix (comment lines added above shift the numbers: list again first).
 *   --from K: from the K-th mutant of the list on (to resume a run that was stopped).
 *   --shard K/N: every N-th mutant from the K-th (K in 1..N), to split a long run over processes;
 *   the shards' lines, sorted by line, are the full run's (only the summary is per shard).
 *
 * Mutants are made in the protocol part of the file only: from the `init` section (or, without
 * one, the `actions` section) up to the `properties` section (the style's section comments,
 * `// ---- init`, `// ---- actions` and `// ---- properties`),
 * plus any `correctRules` object; comment lines, type declarations and imports are left alone.
 * One operator at one place per mutant:
 *   a comparison (`>`↔`>=`, `<`↔`<=`, `===`↔`!==`), a connective (`&&`↔`||`), a boolean literal,
 *   an off-by-one (`+ 1` / `- 1` removed), and a guard removed (`if (…) return null` deleted);
 *   then, listed after all of those (so old `--from`/`--shard` numbers still hold), a direction
 *   (`>`↔`<`, `>=`↔`<=`), `Math.max`↔`Math.min`, a quorum (`Math.floor(n / 2) + 1` →
 *   `Math.ceil(n / 2)`), a term/ballot increment (`+ 1` → `+ 2`), durable↔volatile in crash
 *   functions, a decision literal swapped (commit↔abort, yes↔no, ...) and a field update left
 *   out (see `laterMutants`).
 * Each mutant is written into a scratch copy of models/ and specs/ (src/ and node_modules are
 * links to this checkout's), and every spec that imports the model (directly, or through a
 * model file that imports it, or through another spec) is checked with `--json --workers 1`. A mutant is:
 *   - caught by a violation: an invariant (`always`, or deadlock freedom) that some spec expects
 *     to hold is violated (the bug is found as a bug, with a counterexample);
 *   - caught by another verdict change: a buggy variant's pinned violation is no longer found, or
 *     a witness is lost (the suite fails, but no counterexample shows the mutant's bug);
 *   - caught by counts only: only pinned counts, depth or counterexample lengths differ — the
 *     suite fails, but no property names the bug (possibly an equivalent mutant that changes the
 *     state space);
 *   - survived: every spec as expected;
 *   - types only: the mutant compiles to the same JavaScript as the model (it changed a type
 *     annotation, which tsx erases), so it is not run: no check could catch it;
 *   - caught by a model error: the mutated model throws in some spec (the suite fails, loudly);
 *   - broken: the mutant does not load (a syntax error, a configuration that no longer builds);
 *   - undecided: a spec hit --time-limit (default 120 s).
 * Prints one line per mutant and a summary. Nothing in the checkout is modified.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { transformSync } from 'esbuild'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const modelFile = args.find((a) => !a.startsWith('--') && a.endsWith('.ts'))
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
if (!modelFile) {
  console.error('usage: node --import tsx bench/mutants.ts models/<model>.ts [--max N] [--time-limit S] [--list]')
  process.exit(2)
}
const maxMutants = Number(flag('--max') ?? Infinity)
const timeLimit = Number(flag('--time-limit') ?? 120)
/** Seconds after which a mutant's whole check (every spec) is killed: a step that never returns
 * (a flipped `for` bound) is not stopped by --time-limit, which the checker reads between states. */
const killAfter = flag('--kill-after')
const listOnly = args.includes('--list')
const onlyLines = flag('--only')?.split(',').map(Number)
const onlyOps = flag('--ops')?.split(',')
const from = Number(flag('--from') ?? 1)
const shard = flag('--shard')?.split('/').map(Number)
if (shard && !(shard.length === 2 && shard[0] >= 1 && shard[0] <= shard[1])) {
  console.error('--shard K/N needs 1 <= K <= N')
  process.exit(2)
}

export interface Mutant {
  readonly line: number
  /** The operator's kind, for `--ops`: comparison, connective, boolean, off-by-one, guard (the
   * first set), direction, minmax, quorum, increment, durable, decision, update (added later,
   * listed after, in that order). */
  readonly kind: string
  readonly what: string
  readonly before: string
  readonly after: string | null
}

/** Every one-place mutant of the protocol part of `source`. */
export function mutants(source: string): Mutant[] {
  const lines = source.split('\n')
  // From the init section, or the actions where a model has none (its initial state a constant
  // of the state section: eventual-consistency.ts); a model with neither gets no mutant.
  const init = lines.findIndex((l) => /^\/\/ ---- init/.test(l))
  const start = init >= 0 ? init : lines.findIndex((l) => /^\/\/ ---- actions/.test(l))
  const end = lines.findIndex((l) => /^\/\/ ---- properties/.test(l))
  const rulesAt = lines.findIndex((l) => /^export const correctRules/.test(l))
  const rulesEnd = rulesAt < 0 ? -1 : lines.findIndex((l, i) => i > rulesAt && /^}/.test(l))
  const inRange = (i: number): boolean => (start >= 0 && i > start && (end < 0 || i < end)) || (i > rulesAt && i < rulesEnd)
  const out: Mutant[] = []
  const ops: [RegExp, string, string, string][] = [
    [/(?<![=!<>])>=(?!=)/g, '>=', '>', 'comparison'],
    [/(?<![=!<>\-])>(?![=>])/g, '>', '>=', 'comparison'],
    [/(?<![<])<=(?!=)/g, '<=', '<', 'comparison'],
    [/(?<![<])<(?![=<])/g, '<', '<=', 'comparison'],
    [/===/g, '===', '!==', 'comparison'],
    [/!==/g, '!==', '===', 'comparison'],
    [/&&/g, '&&', '||', 'connective'],
    [/\|\|/g, '||', '&&', 'connective'],
    [/\btrue\b/g, 'true', 'false', 'boolean'],
    [/\bfalse\b/g, 'false', 'true', 'boolean'],
    [/ \+ 1\b/g, ' + 1', '', 'off-by-one'],
    [/ - 1\b/g, ' - 1', '', 'off-by-one'],
  ]
  lines.forEach((text, i) => {
    if (!inRange(i)) return
    const code = text.trim()
    if (code === '' || /^(\/\/|\*|\/\*|import |export type |type |readonly |\| \{)/.test(code)) return
    if (/^if \(.*\) return null$/.test(code)) out.push({ line: i + 1, kind: 'guard', what: 'guard removed', before: text, after: null })
    for (const [re, from, to, kind] of ops) {
      for (const m of text.matchAll(re)) {
        // `<`/`>` in a type position (`Msg & { type: 'X' }`, `Steps<A, S>`, `=>`) is not an operator.
        if ((from === '<' || from === '>') && !isOperator(text, m.index!)) continue
        const after = text.slice(0, m.index) + to + text.slice(m.index! + from.length)
        out.push({ line: i + 1, kind, what: `${from.trim()} → ${to.trim() || '(removed)'}`, before: text, after })
      }
    }
  })
  // The later operators come after every mutant of the first set, so that `--from K` and
  // `--shard` keep their numbering for runs made before they were added.
  const seen = new Set(out.map((m) => `${m.line}\u0000${m.after}`))
  for (const m of laterMutants(lines, inRange)) {
    const key = `${m.line}\u0000${m.after}`
    if (!seen.has(key)) out.push(m)
    seen.add(key)
  }
  return out
}

/** A `<`/`>` at `index` of `text` is an operator (not a type argument, an arrow or a shift). */
const isOperator = (text: string, index: number): boolean => /[\w)\]] [<>] [\w(]/.test(text.slice(Math.max(0, index - 2), index + 3))

/**
 * The operators added for the mutants issue #14 names that the first set missed:
 *   direction: `>`↔`<`, `>=`↔`<=` (a highest pick becomes a lowest one: `v.bal >= best.bal`);
 *   minmax: `Math.max`↔`Math.min`;
 *   quorum: `Math.floor(n / 2) + 1` → `Math.ceil(n / 2)` (no majority for an even n; the
 *     `Math.floor(n / 2)` minority is the first set's `+ 1` removed, and `> n / 2`↔`>= n / 2`,
 *     `* 2 >`↔`* 2 >=` are its comparison mutants, so they are not listed again);
 *   increment: `+ 1` → `+ 2` on a line that names a term, ballot, epoch, attempt or proposal;
 *   durable: in a crash function (`export function crash…` or a role's `crash:` property,
 *     anywhere in the file), the volatile part kept over the crash (whole, or one field of a
 *     named fresh state such as `FRESH`), a field the crash resets kept (`{ ...x, f: v }` → `x`),
 *     or one durable field reset to its initial value (from the role's `init`);
 *   decision: a decision literal swapped for its opposite (`DECISIONS`: 'commit'↔'abort',
 *     'committed'↔'aborted', 'Commit'/'DoCommit'↔'Abort', 'yes'↔'no', 'Ack'↔'Nack', and the
 *     3PC phases a timeout decides from, 'precommitted'↔'ready'): a timeout or recovery rule
 *     that decides the wrong way, a vote or reply with the opposite meaning;
 *   update: one field of a spread update (`{ ...x, f: v }`) left out, or an `assoc(o, k, v)` or
 *     `setAdd(set, x)` skipped: a handler that forgets to raise a promise, record a vote or move
 *     an index.
 */
function laterMutants(lines: readonly string[], inRange: (i: number) => boolean): Mutant[] {
  const out: Mutant[] = []
  const push = (i: number, kind: string, what: string, after: string): void => {
    if (after !== lines[i]) out.push({ line: i + 1, kind, what, before: lines[i] as string, after })
  }
  const code = (i: number): boolean => {
    const t = (lines[i] as string).trim()
    return t !== '' && !/^(\/\/|\*|\/\*|import |export type |type |readonly |\| \{)/.test(t)
  }
  const ops: [RegExp, string, string, string][] = [
    [/(?<![=!<>])>=(?!=)/g, '>=', '<=', 'direction'],
    [/(?<![=!<>\-])>(?![=>])/g, '>', '<', 'direction'],
    [/(?<![<])<=(?!=)/g, '<=', '>=', 'direction'],
    [/(?<![<])<(?![=<])/g, '<', '>', 'direction'],
    [/\bMath\.max\(/g, 'Math.max(', 'Math.min(', 'minmax'],
    [/\bMath\.min\(/g, 'Math.min(', 'Math.max(', 'minmax'],
  ]
  lines.forEach((text, i) => {
    if (!inRange(i) || !code(i)) return
    for (const [re, from, to, kind] of ops) {
      for (const m of text.matchAll(re)) {
        if ((from === '<' || from === '>') && !isOperator(text, m.index!)) continue
        push(i, kind, `${from.replace('(', '')} → ${to.replace('(', '')}`, text.slice(0, m.index) + to + text.slice(m.index! + from.length))
      }
    }
    for (const m of text.matchAll(/Math\.floor\(([^()]+) \/ 2\) \+ 1\b/g)) {
      push(i, 'quorum', 'floor(n / 2) + 1 → ceil(n / 2)', text.slice(0, m.index) + `Math.ceil(${m[1]} / 2)` + text.slice(m.index! + m[0].length))
    }
    if (/term|bal\b|ballot|epoch|attempt|proposal/i.test(text)) {
      for (const m of text.matchAll(/ \+ 1\b/g)) push(i, 'increment', '+ 1 → + 2', text.slice(0, m.index) + ' + 2' + text.slice(m.index! + 4))
    }
  })
  // Crash functions: a role's `crash:` line, or an exported `crash…` function up to its `}`.
  const all = lines.join('\n')
  lines.forEach((text, i) => {
    const fn = /^export function (crash\w*)\(/.exec(text)
    const prop = /^\s*crash: \(/.test(text) && !/=> crash\w+\(/.test(text)
    if (!fn && !prop) return
    let last = i
    if (fn) while (last < lines.length - 1 && !/^}/.test(lines[last] as string)) last++
    // The role's initial state: `init: NAME` / `init: () => NAME` near the crash (the role that
    // calls an exported crash function), else the first `durable: {…}` of the model's `init`.
    const roleLine = fn ? lines.findIndex((l) => l.includes(`=> ${fn[1]}(`)) : i
    let initFields: string[] = []
    let split = true
    for (let k = roleLine; k >= 0 && k > roleLine - 12; k--) {
      const im = /^\s*init: (?:\([^)]*\) => )?(\w+)/.exec(lines[k] as string)
      if (!im) continue
      const decl = new RegExp(`^(?:export )?const ${im[1]}\\b.*$`, 'm').exec(all)?.[0] ?? ''
      const d = /durable: \{ ([^{}]*) \}/.exec(decl)
      if (d) initFields = splitFields(d[1] as string)
      else {
        const whole = /= \{ (.*) \}$/.exec(decl)
        if (whole) {
          initFields = splitFields(whole[1] as string)
          split = false
        }
      }
      break
    }
    if (roleLine < 0 || initFields.length === 0) {
      const d = /durable: \{ ([^{}]*) \}/.exec(all.slice(all.indexOf('// ---- init')))
      if (d) initFields = splitFields(d[1] as string)
    }
    for (let k = i; k <= last; k++) {
      const t = lines[k] as string
      if (!code(k) || !/return |=> /.test(t)) continue
      const sv = /(\w+)\.durable\b/.exec(t)?.[1] ?? /\b(\w+)\.volatile\b/.exec(t)?.[1] ?? (fn ? /const (\w+) = /.exec(lines.slice(i, last).join('\n'))?.[1] : undefined) ?? 'x'
      // The volatile part kept: whole…
      for (const m of t.matchAll(/volatile: (?!\w+\.volatile\b)([\w.]+(?:\([^()]*\))?)/g)) {
        push(k, 'durable', 'volatile kept over a crash', t.slice(0, m.index) + `volatile: ${sv}.volatile` + t.slice(m.index! + m[0].length))
        // …or one field of a named fresh state.
        const fresh = new RegExp(`^const ${m[1]}\\b.*= \\{ (.*) \\}$`, 'm').exec(all)
        for (const f of fresh ? splitFields(fresh[1] as string) : []) {
          const name = f.split(':')[0] as string
          push(k, 'durable', `volatile ${name} kept over a crash`, t.slice(0, m.index) + `volatile: { ...${m[1]}, ${name}: ${sv}.volatile.${name} }` + t.slice(m.index! + m[0].length))
        }
      }
      for (const m of t.matchAll(/afterCrash\((\w+), (\w+)\)/g)) {
        push(k, 'durable', 'volatile kept over a crash', t.slice(0, m.index) + m[1] + t.slice(m.index! + m[0].length))
        const fresh = new RegExp(`^const ${m[2]}\\b.*= \\{ (.*) \\}$`, 'm').exec(all)
        for (const f of fresh ? splitFields(fresh[1] as string) : []) {
          const name = f.split(':')[0] as string
          push(k, 'durable', `volatile ${name} kept over a crash`, t.slice(0, m.index) + `afterCrash(${m[1]}, { ...${m[2]}, ${name}: ${m[1]}.volatile.${name} })` + t.slice(m.index! + m[0].length))
        }
      }
      // A field the crash resets, kept.
      for (const m of t.matchAll(/\{ \.\.\.([\w.]+), (\w+): [^{}]* \}/g)) {
        push(k, 'durable', `${m[2]} kept over a crash`, t.slice(0, m.index) + m[1] + t.slice(m.index! + m[0].length))
      }
      // One durable field reset to its initial value.
      for (const f of initFields) {
        const name = f.split(':')[0] as string
        let after: string | null = null
        const shorthand = /\{ durable, /.exec(t)
        const kept = /durable: (\w+)\.durable\b/.exec(t)
        const ac = /afterCrash\((\w+), /.exec(t)
        if (shorthand) after = t.replace('{ durable, ', `{ durable: { ...durable, ${f} }, `)
        else if (ac) after = t.replace(ac[0], `afterCrash({ ...${ac[1]}, durable: { ...${ac[1]}.durable, ${f} } }, `)
        else if (kept) after = t.replace(kept[0], `durable: { ...${kept[1]}.durable, ${f} }`)
        else if (!split) {
          const r = /^(\s*return )(.*)$/.exec(t) ?? /^(.*=> )(.*?)(,?)$/.exec(t)
          if (r) after = `${r[1]}{ ...(${(r[2] as string).replace(/,$/, '')}), ${f} }${t.trimEnd().endsWith(',') && !r[1]!.startsWith(' ') ? ',' : ''}`
        }
        if (after !== null) push(k, 'durable', `durable ${name} reset by a crash`, after)
      }
    }
  })
  // Decisions: a commit/abort outcome, a vote, an acknowledgement, or the phase a timeout
  // decides from, swapped for its opposite (listed last, so earlier numbers still hold).
  // A literal's opposite is the first of its partners the model itself uses (3PC's Abort is
  // answered by DoCommit, 2PC's by Commit). Not in a schema declaration (an enum's values, whose
  // swap only makes states fall outside it) nor an action's name (a label).
  const used = new Set(lines.filter((_, i) => code(i)).flatMap((t) => [...t.replace(/\/\/.*$/, '').matchAll(/'(\w+)'/g)].map((m) => m[1] as string)))
  lines.forEach((text, i) => {
    if (!inRange(i) || !code(i) || /\bschema\./.test(text)) return
    for (const m of text.matchAll(/'(\w+)'/g)) {
      if (/\bname: $/.test(text.slice(0, m.index))) continue
      const to = (DECISIONS[m[1] as string] ?? []).find((x) => used.has(x))
      if (to === undefined) continue
      push(i, 'decision', `'${m[1]}' → '${to}'`, text.slice(0, m.index) + `'${to}'` + text.slice(m.index! + m[0].length))
    }
  })
  // Updates: one field of a spread update (`{ ...x, f: v }`) left out, or an `assoc(o, k, v)` or
  // `setAdd(set, x)` skipped (its first argument instead): a handler that forgets to raise a
  // promise, record a vote or move an index (listed last, so earlier numbers still hold).
  lines.forEach((text, i) => {
    if (!inRange(i) || !code(i)) return
    for (const m of text.matchAll(/\{ \.\.\./g)) {
      const end = closing(text, m.index!)
      if (end < 0) continue
      const fields = splitTop(text.slice(m.index! + 2, end).trim())
      if (fields.length < 2) continue
      for (let f = 1; f < fields.length; f++) {
        const kept = fields.filter((_, g) => g !== f).join(', ')
        push(i, 'update', `${(fields[f] as string).split(':')[0]} not updated`, `${text.slice(0, m.index)}{ ${kept} }${text.slice(end + 1)}`)
      }
    }
    for (const m of text.matchAll(/\b(assoc|setAdd)\(/g)) {
      // The value of a spread update's field: leaving the field out (above) is the same mutant.
      if (/\{ \.\.\./.test(text) && /\w: $/.test(text.slice(0, m.index))) continue
      const open = m.index! + m[0].length - 1
      const end = closing(text, open)
      if (end < 0) continue
      const args = splitTop(text.slice(open + 1, end))
      if (args.length < 2) continue
      push(i, 'update', `${m[1]} skipped`, `${text.slice(0, m.index)}${args[0]}${text.slice(end + 1)}`)
    }
  })
  return out
}

/** The index of the bracket closing the one at `open` in `text`, or -1 (not on this line). */
function closing(text: string, open: number): number {
  let depth = 0
  let quote = ''
  for (let k = open; k < text.length; k++) {
    const ch = text[k] as string
    if (quote !== '') {
      if (ch === '\\') k++
      else if (ch === quote) quote = ''
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch
    else if ('([{'.includes(ch)) depth++
    else if (')]}'.includes(ch) && --depth === 0) return k
  }
  return -1
}

/** `a, f(b, c), { d }` → ['a', 'f(b, c)', '{ d }']: the top-level items of a list. */
function splitTop(body: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  let quote = ''
  // Type arguments (`Record<string, number>`): a `<` right after a name opens one; a comparison
  // (`a < b`) has a space before it, and `=>` closes none.
  let angle = 0
  for (const ch of body) {
    if (quote !== '') {
      if (ch === quote && !cur.endsWith('\\')) quote = ''
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch
    else if ('([{'.includes(ch)) depth++
    else if (')]}'.includes(ch)) depth--
    else if (ch === '<' && /\w$/.test(cur)) angle++
    else if (ch === '>' && angle > 0 && !cur.endsWith('=')) angle--
    if (ch === ',' && depth === 0 && angle === 0 && quote === '') {
      out.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  if (cur.trim() !== '') out.push(cur.trim())
  return out
}

/** The `decision` mutants' swaps: each literal and its opposites, the first one the model uses
 * taken. */
const DECISIONS: Readonly<Record<string, readonly string[]>> = {
  committed: ['aborted'],
  aborted: ['committed'],
  commit: ['abort'],
  abort: ['commit'],
  Commit: ['Abort'],
  DoCommit: ['Abort'],
  Abort: ['DoCommit', 'Commit'],
  yes: ['no'],
  no: ['yes'],
  Ack: ['Nack'],
  Nack: ['Ack'],
  precommitted: ['ready'],
  ready: ['precommitted'],
}

/** `a: 0, b: [], c: 'x'` → ['a: 0', 'b: []', "c: 'x'"] (top-level fields of an object literal). */
const splitFields = (body: string): string[] => splitTop(body).filter((f) => /^\w+: /.test(f))

const source = readFileSync(join(ROOT, modelFile), 'utf8')
const all = mutants(source)
  .filter((m) => onlyLines === undefined || onlyLines.includes(m.line))
  .filter((m) => onlyOps === undefined || onlyOps.includes(m.kind))
  .filter((_, k) => k >= from - 1)
  .filter((_, k) => shard === undefined || k % shard[1] === shard[0] - 1)
  .slice(0, maxMutants)
if (listOnly) {
  for (const m of all) console.log(`${modelFile}:${m.line}  ${m.kind}: ${m.what}  ${m.after === null ? '(line deleted)' : m.after.trim()}`)
  process.exit(0)
}

// Specs that import the model, directly or through a model file that imports it.
const base = basename(modelFile)
const modelsUsing = new Set([base])
for (const f of readdirSync(join(ROOT, 'models'))) if (readFileSync(join(ROOT, 'models', f), 'utf8').includes(`'./${base}'`)) modelsUsing.add(f)
// …and specs that import such a spec (for its config or parameters), transitively.
const specTexts = new Map(readdirSync(join(ROOT, 'specs')).filter((f) => f.endsWith('.ts')).map((f) => [f, readFileSync(join(ROOT, 'specs', f), 'utf8')]))
const chosen = new Set([...specTexts].filter(([, text]) => [...modelsUsing].some((m) => text.includes(`'../models/${m}'`))).map(([f]) => f))
for (let grew = true; grew; ) {
  grew = false
  for (const [f, text] of specTexts) {
    if (!chosen.has(f) && [...chosen].some((c) => text.includes(`'./${c}'`))) {
      chosen.add(f)
      grew = true
    }
  }
}
const specs = [...chosen].sort().map((f) => `specs/${f}`)
const killSeconds = killAfter === undefined ? timeLimit * specs.length + 120 : Number(killAfter)

const scratch = mkdtempSync(join(tmpdir(), 'interleave-mutants-'))
for (const d of ['src', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(join(ROOT, d), join(scratch, d))
cpSync(join(ROOT, 'models'), join(scratch, 'models'), { recursive: true })
cpSync(join(ROOT, 'specs'), join(scratch, 'specs'), { recursive: true })

type Outcome = 'violation' | 'verdict' | 'error' | 'counts' | 'survived' | 'types' | 'broken' | 'undecided'

/** The JavaScript a model's source compiles to (types erased, as tsx runs it): a mutant that
 * compiles to the original's changes only a type annotation (`decision: 'commit' | 'abort'`),
 * which no check can catch, and is not run. */
const compiled = (text: string): string => transformSync(text, { loader: 'ts' }).code
interface SpecDoc {
  spec: string | null
  properties?: { name: string; kind: string }[]
  status: string
  error: { message: string } | null
  expectation?: { mismatches: { what: string; expected: unknown; actual: unknown }[] }
}

/** A safety invariant (not a `sometimes` witness, whose "violated" means never reached). */
const invariant = (d: SpecDoc, name: string): boolean => ['always', 'deadlock'].includes(d.properties?.find((p) => p.name === name)?.kind ?? '')

function run(): { outcome: Outcome; detail: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', ...specs, '--json', '--workers', '1', '--time-limit', String(timeLimit), '--out', join(scratch, 'out')], {
    cwd: scratch,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    // The checker polls --time-limit between states; a mutant that loops forever inside one step
    // (a `for` whose bound test was flipped) never gets there, so the process is killed.
    timeout: killSeconds * 1000,
    // SIGKILL: the CLI handles SIGTERM by stopping between states, which a step that never
    // returns never reaches.
    killSignal: 'SIGKILL',
  })
  if (r.signal !== null) return { outcome: 'undecided', detail: `hung: killed after ${killSeconds} s (a step that never returns, or specs slower than --kill-after)` }
  let docs: SpecDoc[]
  try {
    docs = (JSON.parse(r.stdout) as { specs: SpecDoc[] }).specs
  } catch {
    return { outcome: 'broken', detail: (r.stderr.split('\n').find((l) => l.trim()) ?? 'no output').slice(0, 160) }
  }
  const failed = docs.find((d) => d.status === 'error')
  if (failed) {
    // A mutant that does not load is not a protocol change; one whose model throws is caught.
    const loads = failed.spec !== null && !/Transform failed|SyntaxError|building the configuration/.test(failed.error?.message ?? '')
    return { outcome: loads ? 'error' : 'broken', detail: `${failed.spec ?? '?'}: ${failed.error?.message.slice(0, 140) ?? ''}` }
  }
  const violations = docs.flatMap((d) =>
    (d.expectation?.mismatches ?? []).filter((m) => / verdict$/.test(m.what) && m.expected === 'holds' && m.actual === 'violated' && invariant(d, m.what.replace(/ verdict$/, ''))).map((m) => `${d.spec}: ${m.what.replace(/ verdict$/, '')} violated`),
  )
  if (violations.length > 0) return { outcome: 'violation', detail: violations.slice(0, 3).join('; ') }
  const verdict = docs.flatMap((d) => (d.expectation?.mismatches ?? []).filter((m) => / verdict$/.test(m.what)).map((m) => `${d.spec}: ${m.what} ${String(m.expected)}→${String(m.actual)}`))
  if (verdict.length > 0) return { outcome: 'verdict', detail: verdict.slice(0, 3).join('; ') }
  const counts = docs.flatMap((d) => (d.expectation?.mismatches ?? []).map((m) => `${d.spec}: ${m.what}`))
  if (counts.length > 0) return { outcome: 'counts', detail: counts.slice(0, 3).join('; ') }
  const undecided = docs.filter((d) => d.status === 'incomplete' || d.status === 'interrupted')
  if (undecided.length > 0) return { outcome: 'undecided', detail: undecided.map((d) => d.spec).join(', ') }
  return { outcome: 'survived', detail: '' }
}

console.log(`${modelFile}: ${all.length} mutants, checked by ${specs.length} specs (${specs.join(', ')})`)
const tally: Record<Outcome, number> = { violation: 0, verdict: 0, error: 0, counts: 0, survived: 0, types: 0, broken: 0, undecided: 0 }
const lines = source.split('\n')
const original = compiled(source)
// (A mutant the compiler folds away, or one that touches a type or a comment only, compiles to
// the original's JavaScript too: `types` says no check could tell it apart.)
try {
  for (const m of all) {
    const mutated = [...lines]
    if (m.after === null) mutated.splice(m.line - 1, 1)
    else mutated[m.line - 1] = m.after
    const text = mutated.join('\n')
    let typesOnly = false
    try {
      typesOnly = compiled(text) === original
    } catch {
      // Does not compile: `run` reports it broken.
    }
    writeFileSync(join(scratch, modelFile), text)
    const { outcome, detail } = typesOnly ? { outcome: 'types' as const, detail: 'compiles to the same JavaScript as the model (a type annotation)' } : run()
    tally[outcome]++
    console.log(`${outcome.padEnd(10)} ${modelFile}:${m.line}  ${m.what}  ${(m.after ?? m.before).trim().slice(0, 90)}${detail ? `  [${detail}]` : ''}`)
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
console.log(`\n${all.length} mutants: ${tally.violation} caught by a violated property, ${tally.verdict} by another verdict change, ${tally.error} by a model error, ${tally.counts} by counts only, ${tally.survived} survived, ${tally.types} types only, ${tally.broken} broken, ${tally.undecided} undecided`)
