/**
 * One-line mutants of a model, checked by the bundled specs: which ones does `npm run check`
 * catch? For issue #14 part 4 ("every one-line change to a quorum, a ballot/term comparison, a
 * vote/promise/accept rule, a commit rule, a timeout decision must be caught by the default
 * suite, or be argued equivalent").
 *
 * Usage: node --import tsx bench/mutants.ts models/paxos-net.ts [--max N] [--time-limit S] [--list] [--only LINE[,LINE]]
 *
 * `--only 120,245` keeps the mutants on those model lines only (to re-run survivors after a fix).
 *
 * Mutants are made in the protocol part of the file only: from the `init` section up to the
 * `properties` section (the style's section comments, `// ---- init` and `// ---- properties`),
 * plus any `correctRules` object; comment lines, type declarations and imports are left alone.
 * One operator at one place per mutant:
 *   a comparison (`>`↔`>=`, `<`↔`<=`, `===`↔`!==`), a connective (`&&`↔`||`), a boolean literal,
 *   an off-by-one (`+ 1` / `- 1` removed), and a guard removed (`if (…) return null` deleted).
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

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const modelFile = args.find((a) => !a.startsWith('--') && a.endsWith('.ts'))
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
if (!modelFile) {
  console.error('usage: node --import tsx bench/mutants.ts models/<model>.ts [--max N] [--time-limit S] [--list] [--only LINE[,LINE]]')
  process.exit(2)
}
const maxMutants = Number(flag('--max') ?? Infinity)
const timeLimit = Number(flag('--time-limit') ?? 120)
const listOnly = args.includes('--list')
const onlyLines = flag('--only')?.split(',').map(Number)

export interface Mutant {
  readonly line: number
  readonly what: string
  readonly before: string
  readonly after: string | null
}

/** Every one-place mutant of the protocol part of `source`. */
export function mutants(source: string): Mutant[] {
  const lines = source.split('\n')
  const start = lines.findIndex((l) => /^\/\/ ---- init/.test(l))
  const end = lines.findIndex((l) => /^\/\/ ---- properties/.test(l))
  const rulesAt = lines.findIndex((l) => /^export const correctRules/.test(l))
  const rulesEnd = rulesAt < 0 ? -1 : lines.findIndex((l, i) => i > rulesAt && /^}/.test(l))
  const inRange = (i: number): boolean => (start >= 0 && i > start && (end < 0 || i < end)) || (i > rulesAt && i < rulesEnd)
  const out: Mutant[] = []
  const ops: [RegExp, string, string][] = [
    [/(?<![=!<>])>=(?!=)/g, '>=', '>'],
    [/(?<![=!<>\-])>(?![=>])/g, '>', '>='],
    [/(?<![<])<=(?!=)/g, '<=', '<'],
    [/(?<![<])<(?![=<])/g, '<', '<='],
    [/===/g, '===', '!=='],
    [/!==/g, '!==', '==='],
    [/&&/g, '&&', '||'],
    [/\|\|/g, '||', '&&'],
    [/\btrue\b/g, 'true', 'false'],
    [/\bfalse\b/g, 'false', 'true'],
    [/ \+ 1\b/g, ' + 1', ''],
    [/ - 1\b/g, ' - 1', ''],
  ]
  lines.forEach((text, i) => {
    if (!inRange(i)) return
    const code = text.trim()
    if (code === '' || /^(\/\/|\*|\/\*|import |export type |type |readonly |\| \{)/.test(code)) return
    if (/^if \(.*\) return null$/.test(code)) out.push({ line: i + 1, what: 'guard removed', before: text, after: null })
    for (const [re, from, to] of ops) {
      for (const m of text.matchAll(re)) {
        // `<`/`>` in a type position (`Msg & { type: 'X' }`, `Steps<A, S>`, `=>`) is not an operator.
        if ((from === '<' || from === '>') && !/[\w)\]] [<>] [\w(]/.test(text.slice(Math.max(0, m.index! - 2), m.index! + 3))) continue
        const after = text.slice(0, m.index) + to + text.slice(m.index! + from.length)
        out.push({ line: i + 1, what: `${from.trim()} → ${to.trim() || '(removed)'}`, before: text, after })
      }
    }
  })
  return out
}

const source = readFileSync(join(ROOT, modelFile), 'utf8')
const all = mutants(source)
  .filter((m) => onlyLines === undefined || onlyLines.includes(m.line))
  .slice(0, maxMutants)
if (listOnly) {
  for (const m of all) console.log(`${modelFile}:${m.line}  ${m.what}  ${m.after === null ? '(line deleted)' : m.after.trim()}`)
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

const scratch = mkdtempSync(join(tmpdir(), 'interleave-mutants-'))
for (const d of ['src', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(join(ROOT, d), join(scratch, d))
cpSync(join(ROOT, 'models'), join(scratch, 'models'), { recursive: true })
cpSync(join(ROOT, 'specs'), join(scratch, 'specs'), { recursive: true })

type Outcome = 'violation' | 'verdict' | 'error' | 'counts' | 'survived' | 'broken' | 'undecided'
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
  })
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
const tally: Record<Outcome, number> = { violation: 0, verdict: 0, error: 0, counts: 0, survived: 0, broken: 0, undecided: 0 }
const lines = source.split('\n')
try {
  for (const m of all) {
    const mutated = [...lines]
    if (m.after === null) mutated.splice(m.line - 1, 1)
    else mutated[m.line - 1] = m.after
    writeFileSync(join(scratch, modelFile), mutated.join('\n'))
    const { outcome, detail } = run()
    tally[outcome]++
    console.log(`${outcome.padEnd(10)} ${modelFile}:${m.line}  ${m.what}  ${(m.after ?? m.before).trim().slice(0, 90)}${detail ? `  [${detail}]` : ''}`)
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
console.log(`\n${all.length} mutants: ${tally.violation} caught by a violated property, ${tally.verdict} by another verdict change, ${tally.error} by a model error, ${tally.counts} by counts only, ${tally.survived} survived, ${tally.broken} broken, ${tally.undecided} undecided`)
