/**
 * The index page of a run (`<out>/index.html`): one row per spec with its status against its
 * spec (`as expected` for a pinned violation too), its verdicts, its counts and a link to its
 * report.html. No timestamp and no timing, so the same outcomes give the same bytes.
 *
 * The rows are also embedded as JSON, so a later run over some specs updates their rows and keeps
 * the others (`mergeIndexRows`); a run over every spec in specs/ writes the index afresh. A row
 * from an earlier run links a report that run wrote; it is not checked again.
 */
import type { CheckResult } from '../core/result.ts'
import { escapeHtml, jsonForScript, page } from '../trace/html-page.ts'
import { STATUS_WORDS } from '../trace/report-html.ts'
import { verdictSummary } from './spec-table.ts'
import type { SpecStatus } from './status.ts'

export interface IndexRow {
  /** The spec's name, or its file when it did not load. */
  readonly spec: string
  readonly file: string
  readonly status: SpecStatus
  /** Absent for a spec without a result (status `error`). */
  readonly verdicts?: string
  readonly distinct?: number
  readonly total?: number
  readonly depth?: number
  /** The report, relative to the index; absent when none was written. */
  readonly report?: string
  /** Why there is no result, or the file that could not be written. */
  readonly error?: string
}

/** A row for a spec that has a result. */
export function indexRow(spec: string, file: string, status: SpecStatus, r: CheckResult, report: string | undefined, error?: string): IndexRow {
  const { distinct, total, depth } = r.stats
  return { spec, file, status, verdicts: verdictSummary(r), distinct, total, depth, ...(report ? { report } : {}), ...(error ? { error } : {}) }
}

/**
 * The earlier rows with each of `rows` in place of the row of the same spec (names are unique, and
 * the report folder is named after the spec), or of an error row of the same file (a spec that did
 * not load has no name); otherwise appended.
 */
export function mergeIndexRows(earlier: readonly IndexRow[], rows: readonly IndexRow[]): IndexRow[] {
  const out = [...earlier]
  for (const r of rows) {
    const i = out.findIndex((e) => e.spec === r.spec || (e.file === r.file && (e.status === 'error' || r.status === 'error')))
    if (i >= 0) out[i] = r
    else out.push(r)
  }
  return out
}

const DATA_ID = 'index-data'

/** The rows embedded in an index page this module wrote; none from anything else. */
export function readIndexRows(html: string): IndexRow[] {
  const m = new RegExp(`<script type="application/json" id="${DATA_ID}">([^<]*)</script>`).exec(html)
  if (!m) return []
  try {
    const data = JSON.parse(m[1] as string) as { rows?: unknown }
    return Array.isArray(data.rows) ? data.rows.filter(isRow) : []
  } catch {
    return []
  }
}

const isRow = (v: unknown): v is IndexRow => {
  const r = v as Partial<IndexRow> | null
  return typeof r === 'object' && r !== null && typeof r.spec === 'string' && typeof r.file === 'string' && typeof r.status === 'string'
}

const num = (n: number | undefined): string => (n === undefined ? '–' : n.toLocaleString('en-US'))
const word = (s: SpecStatus): string => (s === 'error' ? 'ERROR' : STATUS_WORDS[s])

export function renderRunIndex(rows: readonly IndexRow[], notRun: readonly string[] = []): string {
  const count = (s: SpecStatus): number => rows.filter((r) => r.status === s).length
  const others = (['not-met', 'incomplete', 'interrupted', 'error'] as const).filter((s) => count(s) > 0).map((s) => ` · ${count(s)} ${word(s)}`)
  const body = rows.map((r) => {
    const name = r.report ? `<a href="${escapeHtml(r.report)}">${escapeHtml(r.spec)}</a>` : escapeHtml(r.spec)
    return `<tr data-spec="${escapeHtml(r.spec)}" data-status="${r.status}"><td class="mono">${name}</td><td class="status-${r.status}">${escapeHtml(word(r.status))}</td>` +
      `<td>${escapeHtml(r.verdicts ?? '')}${r.error ? `<div class="error">${escapeHtml(r.error)}</div>` : ''}</td>` +
      `<td class="num">${num(r.distinct)}</td><td class="num">${num(r.total)}</td><td class="num">${num(r.depth)}</td><td class="mono muted">${escapeHtml(r.file)}</td></tr>`
  })
  const skipped = notRun.length ? `<p data-not-run="${notRun.length}">Not run (interrupted): ${notRun.map((f) => `<span class="mono">${escapeHtml(f)}</span>`).join(', ')}</p>` : ''
  const html = `<header>
<h1>Interleave: ${rows.length} spec${rows.length === 1 ? '' : 's'}</h1>
<div class="meta" data-summary>${count('as-expected')} of ${rows.length} as expected${others.join('')}</div>
</header>
<main class="index">
<table class="grid"><thead><tr><th>spec</th><th>status</th><th>verdicts</th><th>distinct</th><th>generated</th><th>depth</th><th>file</th></tr></thead><tbody>${body.join('')}</tbody></table>
${skipped}
<script type="application/json" id="${DATA_ID}">${jsonForScript({ rows })}</script>
</main>`
  return page('Interleave: run index', INDEX_CSS, html)
}

const INDEX_CSS = `
.index { padding:8px 20px 40px; }
.index td, .index th { border-bottom:1px solid #eef0f2; padding:5px 14px 5px 0; vertical-align:top; }
.index .num { text-align:right; font-variant-numeric:tabular-nums; }
.index td:nth-child(-n+2) { white-space:nowrap; }
.index .muted { color:var(--muted); }
.index .error { color:var(--bad); }
.status-as-expected { color:var(--good); font-weight:600; }
.status-not-met, .status-error { color:var(--bad); font-weight:600; }
.status-incomplete, .status-interrupted { color:var(--warn); font-weight:600; }
`
