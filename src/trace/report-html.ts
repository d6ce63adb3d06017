/**
 * The run report (`report.html`): one self-contained page per checked spec with the verdicts
 * (linking each counterexample's viewer, text and ITF files), the search statistics, states per
 * BFS level as a chart, and action coverage as a chart (steps generated and distinct states first
 * reached through each action; actions that never fired are flagged).
 *
 * With a `ReportContext` (the CLI always gives one) it also shows how the run compares with its
 * spec: the run's status (`as expected`, `EXPECTATION NOT MET`, `incomplete`), and per property
 * what the spec expects, so a violation the spec pins reads "violated · as expected", not as a
 * failure; and the effective parameters, defaults included, each marked default or overridden.
 *
 * The chart reads `stats.levels` (`{ distinct, total }` per BFS level: new distinct states and
 * states generated at that depth) when an explorer records it, and otherwise says that it is not
 * recorded. The page has no timestamp; the search time is the only figure that varies between two
 * runs of one spec.
 */
import type { ExpectationReport } from '../core/expect.ts'
import type { CheckResult, PropertyResult } from '../core/result.ts'
import { statesText, visitedBytesPerState } from '../core/result.ts'
import type { Expectation, Params } from '../core/spec.ts'
import { escapeHtml, page } from './html-page.ts'

export interface LevelStats {
  readonly distinct: number
  readonly total: number
}

/** Files of one counterexample, relative to the report. */
export interface TraceLinks {
  readonly html: string
  readonly txt: string
  readonly itf: string
}

/** How a run compares with its spec: the CLI's status word for a spec that has a result. */
export type ReportStatus = 'as-expected' | 'not-met' | 'incomplete' | 'interrupted'

/** What the report says beyond the result itself (see the header). */
export interface ReportContext {
  /** The effective parameters: the spec's defaults with the overrides applied. */
  readonly params?: Params
  /** The spec's defaults, to mark which parameters the run overrode. */
  readonly defaults?: Params
  /** What the spec expects; given (even `{}`), each property says whether it is as expected. */
  readonly expect?: Expectation
  /** The comparison of the run with `expect` (its mismatches and why counts were not compared). */
  readonly comparison?: ExpectationReport
  readonly status?: ReportStatus
}

const fmt = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2))

/** The status line's words; `statusText` in `report/status.ts` prints the same for the table. */
export const STATUS_WORDS: Readonly<Record<ReportStatus, string>> = {
  'as-expected': 'as expected',
  'not-met': 'EXPECTATION NOT MET',
  incomplete: 'incomplete',
  interrupted: 'interrupted (incomplete)',
}

export function renderReportHtml(result: CheckResult, links: ReadonlyMap<string, TraceLinks> = new Map(), context: ReportContext = {}): string {
  const s = result.stats
  const params = context.params ?? result.params
  const paramText = Object.keys(params).sort().map((k) => `${k}=${String(params[k])}`).join(' ')
  const search = result.complete
    ? result.decidedEarly ? 'stopped early: every checked property decided' : 'complete search'
    : `incomplete: ${result.stopReason ?? 'stopped'}`
  const levels = (s as { levels?: readonly LevelStats[] }).levels
  const body = `<header>
<h1>Interleave report: ${escapeHtml(result.spec)}</h1>
<div class="meta">model ${escapeHtml(result.model)}${paramText ? ` · params ${escapeHtml(paramText)}` : ''} · ${escapeHtml(result.strategy)}, ${result.workers} worker${result.workers === 1 ? '' : 's'} · ${escapeHtml(search)}</div>
${context.status ? statusBlock(context.status, context.comparison) : ''}
</header>
<main class="report">
<section><h2>Properties</h2>${propertiesTable(result.properties, links, context)}</section>
<section><h2>Parameters</h2>${paramsTable(params, context.defaults)}</section>
<section><h2>Search</h2>${statsTable(result)}</section>
<section><h2>States per BFS level</h2>${levels && levels.length > 0 ? levelChart(levels) : `<p class="muted" data-levels="none">Per-level counts are not recorded by this explorer (depth ${s.depth}, ${fmt(s.distinct)} distinct states in all).</p>`}</section>
<section><h2>Action coverage</h2>${coverageChart(result)}</section>
${result.warnings.length ? `<section><h2>Warnings</h2><ul>${result.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></section>` : ''}
</main>`
  return page(`Interleave report: ${result.spec}`, REPORT_CSS, body)
}

/** The run's status against its spec, and what differs when it is not as expected. */
function statusBlock(status: ReportStatus, comparison: ExpectationReport | undefined): string {
  const items = (comparison?.mismatches ?? []).map((m) => `<li>${escapeHtml(`${m.what}: expected ${m.expected}, got ${m.actual}`)}</li>`)
  const counts = comparison
    ? comparison.countsCompared ? "state counts compared with the spec's" : `state counts not compared: ${comparison.countsSkipped ?? 'not asked'}`
    : ''
  return `<div class="status status-${status}" data-status="${status}"><strong>${STATUS_WORDS[status]}</strong>${counts ? ` <span class="muted">· ${escapeHtml(counts)}</span>` : ''}${items.length ? `<ul>${items.join('')}</ul>` : ''}</div>`
}

/**
 * What the spec expects of one property and whether the verdict is that: `ok` for a verdict the
 * spec expects (a pinned violation included), `bad` for one it does not, `open` for an expected
 * violation the search did not decide. Null when there is no expectation to compare with.
 */
export function propertyExpectation(
  p: PropertyResult,
  context: ReportContext,
): { readonly expected: string; readonly mark: 'ok' | 'bad' | 'open'; readonly text: string } | null {
  if (context.expect === undefined || p.verdict === 'not-checked') return null
  const pinned = context.expect.violated?.[p.name]
  const expected = pinned ? `${verdictText(p.kind, 'violated')}${pinned.length !== undefined ? ` (${statesText(pinned.length)})` : ''}` : verdictText(p.kind, 'holds')
  const lengthOff = context.comparison?.mismatches.find((m) => m.what === `${p.name} counterexample length`)
  if (p.verdict === 'unknown') return pinned ? { expected, mark: 'open', text: 'not decided' } : null
  if ((p.verdict === 'violated') !== (pinned !== undefined)) return { expected, mark: 'bad', text: 'NOT AS EXPECTED' }
  if (lengthOff) return { expected, mark: 'bad', text: `counterexample of ${statesText(Number(lengthOff.actual))}, expected ${lengthOff.expected}` }
  return { expected, mark: 'ok', text: 'as expected' }
}

/** A verdict in the words the CLI's summary uses: a `sometimes` property is witnessed or never
 * reached, not held or violated. */
const verdictText = (kind: PropertyResult['kind'], v: PropertyResult['verdict']): string =>
  kind === 'sometimes' && v === 'holds' ? 'witnessed' : kind === 'sometimes' && v === 'violated' ? 'never reached' : v === 'vacuous' ? 'held vacuously' : v === 'not-checked' ? 'not checked' : v

function propertiesTable(props: readonly PropertyResult[], links: ReadonlyMap<string, TraceLinks>, context: ReportContext): string {
  const withExpect = context.expect !== undefined
  const rows = props.map((p) => {
    const l = links.get(p.name)
    const files = l
      ? `<a data-trace-link="${escapeHtml(p.name)}" href="${escapeHtml(l.html)}">viewer</a> · <a href="${escapeHtml(l.txt)}">text</a> · <a href="${escapeHtml(l.itf)}">ITF</a>`
      : ''
    const len = p.trace ? `${statesText(p.trace.steps.length)}${p.trace.loopStart !== undefined ? ` (loop from ${p.trace.loopStart + 1})` : ''}` : ''
    const e = propertyExpectation(p, context)
    // A violation the spec pins is not a failure: its verdict is not painted red.
    const cls = `verdict-${p.verdict}${e?.mark === 'ok' && p.verdict === 'violated' ? ' pinned' : ''}`
    const expectCells = withExpect
      ? `<td>${e ? escapeHtml(e.expected) : ''}</td><td${e ? ` class="expect-${e.mark}" data-expect="${e.mark}"` : ''}>${e ? escapeHtml(e.text) : ''}</td>`
      : ''
    return `<tr data-property="${escapeHtml(p.name)}"><td class="mono">${escapeHtml(p.name)}</td><td>${escapeHtml(p.kind)}</td><td class="${cls}">${verdictText(p.kind, p.verdict)}</td>${expectCells}<td>${len}</td><td>${files}</td><td class="muted">${escapeHtml(p.note ?? '')}</td></tr>`
  })
  const expectHead = withExpect ? '<th>expected</th><th></th>' : ''
  return `<table class="grid"><thead><tr><th>property</th><th>kind</th><th>verdict</th>${expectHead}<th>trace</th><th>files</th><th>note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** Every effective parameter, sorted by name, marked default or overridden (with the default). */
function paramsTable(params: Params, defaults: Params | undefined): string {
  const keys = Object.keys(params).sort()
  if (keys.length === 0) return '<p class="muted" data-params="none">The spec takes no parameters.</p>'
  const rows = keys.map((k) => {
    const v = params[k]
    const d = defaults?.[k]
    const how = defaults === undefined ? '' : d === undefined || d === v ? 'default' : `overridden (default ${String(d)})`
    return `<tr data-param="${escapeHtml(k)}"><th class="mono">${escapeHtml(k)}</th><td class="mono">${escapeHtml(String(v))}</td><td class="muted">${escapeHtml(how)}</td></tr>`
  })
  return `<table class="kv">${rows.join('')}</table>`
}

function statsTable(r: CheckResult): string {
  const s = r.stats
  const perState = visitedBytesPerState(s)
  const rows: [string, string][] = [
    ['distinct states', fmt(s.distinct)],
    // TLC's distinct count for a CONSTRAINT is the states within it (the summary's line).
    ...(s.cut === undefined ? [] : ([['cut by the constraint (kept, not expanded)', fmt(s.cut)], ['within the constraint', `${fmt(s.distinct - s.cut)}${s.depthWithin === undefined ? '' : `, depth ${fmt(s.depthWithin)}`}`]] as [string, string][])),
    ['states generated', fmt(s.total)],
    [r.strategy === 'dfs' ? 'max stack depth' : r.strategy === 'simulate' ? 'longest walk' : 'depth (BFS levels)', fmt(s.depth)],
    ['time', `${s.seconds.toFixed(2)} s`],
    ['distinct states per second', s.seconds > 0 ? fmt(Math.round(s.distinct / s.seconds)) : '–'],
    ['visited set', `${fmt(s.visitedBytes)} bytes${perState === undefined ? '' : ` (${perState.toFixed(1)} per state)`}`],
    ['largest queue', fmt(s.queuePeak)],
    ['fingerprint collision probability', s.collisionProbability.toExponential(1)],
  ]
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`
}

/** At most this many bars: a deeper run's levels are summed into equal runs of consecutive levels
 * (a run with 200,000 levels would otherwise be a 200,000-bar SVG). */
export const MAX_BARS = 400

/** Consecutive levels summed into at most `MAX_BARS` buckets; `first` is each bucket's first level. */
export function levelBuckets(levels: readonly LevelStats[]): { first: number; last: number; distinct: number; total: number }[] {
  const per = Math.max(1, Math.ceil(levels.length / MAX_BARS))
  const out: { first: number; last: number; distinct: number; total: number }[] = []
  for (let i = 0; i < levels.length; i += per) {
    let distinct = 0
    let total = 0
    const last = Math.min(levels.length, i + per) - 1
    for (let j = i; j <= last; j++) {
      distinct += levels[j].distinct
      total += levels[j].total
    }
    out.push({ first: i, last, distinct, total })
  }
  return out
}

/** Grouped bars per level (or per run of levels): distinct (dark) and generated (light), on one
 * linear scale. No spread or recursion over levels: a run may have millions. */
function levelChart(levels: readonly LevelStats[]): string {
  const buckets = levelBuckets(levels)
  let max = 1
  for (const b of buckets) max = Math.max(max, b.distinct, b.total)
  const bw = Math.max(2, Math.min(28, Math.floor(640 / buckets.length) - 4))
  const h = 180
  const w = 50 + buckets.length * (bw + 4) + 10
  const labelEvery = buckets.length <= 40 ? 1 : Math.ceil(buckets.length / 40)
  const bars = buckets.map((b, i) => {
    const x = 50 + i * (bw + 4)
    const ht = (b.total / max) * h
    const hd = (b.distinct / max) * h
    const name = b.first === b.last ? `level ${b.first}` : `levels ${b.first}–${b.last}`
    return `<g data-level="${b.first}"><title>${name}: ${fmt(b.distinct)} new distinct, ${fmt(b.total)} generated</title>` +
      `<rect class="gen" x="${x}" y="${10 + h - ht}" width="${bw}" height="${ht}"/><rect class="dist" x="${x + bw / 4}" y="${10 + h - hd}" width="${bw / 2}" height="${hd}"/>` +
      (i % labelEvery === 0 ? `<text x="${x + bw / 2}" y="${h + 24}" text-anchor="middle">${b.first}</text>` : '') + `</g>`
  })
  const per = buckets.length > 0 ? buckets[0].last - buckets[0].first + 1 : 1
  const note = per > 1 ? `<p class="muted" data-levels-per-bar="${per}">${fmt(levels.length)} levels: each bar sums ${fmt(per)} consecutive levels.</p>` : ''
  return `<svg class="chart" width="${w}" height="${h + 30}" viewBox="0 0 ${w} ${h + 30}"><text x="44" y="18" text-anchor="end">${fmt(max)}</text><text x="44" y="${h + 10}" text-anchor="end">0</text>${bars.join('')}</svg>
<div class="legend"><span class="sw dist"></span> new distinct states <span class="sw gen"></span> states generated</div>${note}`
}

function coverageChart(r: CheckResult): string {
  const rows = [...r.coverage, ...r.neverFired.filter((n) => !r.coverage.some((c) => c.name === n)).map((name) => ({ name, fired: 0, discovered: 0 }))]
  if (rows.length === 0) return '<p class="muted">No coverage recorded.</p>'
  let max = 1
  for (const c of rows) max = Math.max(max, c.fired)
  const lines = rows.map((c) => {
    const never = c.fired === 0
    return `<tr data-action="${escapeHtml(c.name)}"${never ? ' class="never"' : ''}><td class="mono">${escapeHtml(c.name)}</td>` +
      `<td class="bar"><div class="fired" style="width:${(c.fired / max) * 100}%"></div><div class="disc" style="width:${(c.discovered / max) * 100}%"></div></td>` +
      `<td class="num">${fmt(c.fired)}</td><td class="num">${fmt(c.discovered)}</td><td>${never ? 'never fired' : ''}</td></tr>`
  })
  return `<table class="coverage"><thead><tr><th>action</th><th></th><th>steps generated</th><th>distinct states found</th><th></th></tr></thead><tbody>${lines.join('')}</tbody></table>
<div class="legend"><span class="sw gen"></span> steps generated with the action <span class="sw dist"></span> distinct states first reached through it</div>`
}

const REPORT_CSS = `
.report { padding:8px 20px 40px; max-width:1100px; }
.report h2 { font-size:16px; margin:22px 0 8px; }
.muted { color:var(--muted); }
.grid td, .grid th { border-bottom:1px solid #eef0f2; padding:5px 14px 5px 0; }
.kv th { font-weight:500; padding-right:24px; }
.chart text { font-size:11px; fill:var(--muted); }
.chart .gen { fill:#b9d3f5; }
.chart .dist { fill:#0b62d6; }
.legend { font-size:12px; color:var(--muted); margin-top:4px; }
.legend .sw { display:inline-block; width:12px; height:12px; vertical-align:-2px; margin:0 4px 0 12px; }
.legend .sw.gen { background:#b9d3f5; } .legend .sw.dist { background:#0b62d6; }
.coverage td { padding:3px 12px 3px 0; }
.coverage .bar { width:360px; position:relative; }
.coverage .bar div { height:8px; border-radius:2px; }
.coverage .fired { background:#b9d3f5; }
.coverage .disc { background:#0b62d6; margin-top:2px; }
.coverage .num { text-align:right; font-variant-numeric:tabular-nums; }
.coverage tr.never td { color:var(--bad); }
.status { margin-top:8px; padding:6px 10px; border-radius:4px; border-left:4px solid var(--muted); background:var(--panel); font-size:14px; }
.status ul { margin:4px 0 0; padding-left:20px; }
.status-as-expected { border-color:var(--good); } .status-as-expected strong { color:var(--good); }
.status-not-met { border-color:var(--bad); } .status-not-met strong { color:var(--bad); }
.status-incomplete, .status-interrupted { border-color:var(--warn); }
.status-incomplete strong, .status-interrupted strong { color:var(--warn); }
.verdict-violated.pinned { color:var(--fg); }
.expect-ok { color:var(--good); font-weight:600; }
.expect-bad { color:var(--bad); font-weight:600; }
.expect-open { color:var(--warn); font-weight:600; }
`
