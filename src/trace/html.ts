/**
 * The trace viewer: one self-contained HTML page (inline CSS, script and SVG; nothing fetched)
 * showing a counterexample as a message sequence diagram (see `sequence.ts` for how nodes and
 * messages are read from the trace, `sequence-svg.ts` for the drawing) beside the state at the
 * current step, with the variables that step changed highlighted and the changes listed by path.
 *
 * Navigation: ←/→ or k/j (also ↑/↓, Home/End), the ◀/▶ buttons, or a click on a step. The page
 * records the current step in `body[data-current-step]` (0-based) for tests and scripts.
 * Without any node to draw (no step concerns a node) the page shows a plain step list instead.
 */
import type { Trace } from '../core/result.ts'
import type { Value } from '../core/value.ts'
import { diffValues } from './diff.ts'
import { formatValue, toPlain } from './format-value.ts'
import { escapeHtml, jsonForScript, page } from './html-page.ts'
import { sequenceOf } from './sequence.ts'
import { SEQUENCE_CSS, sequenceSvg } from './sequence-svg.ts'
import { formatChange } from './text.ts'

export interface HtmlOptions {
  /** The page heading, e.g. "TCConsistent violated in two-phase-commit". */
  readonly title: string
  /** Lines under the heading: spec, params, property kind, where the trace came from. */
  readonly details?: readonly string[]
}

interface StepData {
  readonly label: string
  /** [variable, formatted value, changed by this step] */
  readonly vars: readonly (readonly [string, string, boolean])[]
  readonly changes: readonly string[]
}

export function renderTraceHtml(trace: Trace, options: HtmlOptions): string {
  const seq = sequenceOf(trace)
  const states = trace.steps.map((s) => toPlain(s.state))
  const steps: StepData[] = seq.steps.map((s, i) => {
    const state = states[i] as Value
    const prev = i > 0 ? (states[i - 1] as Value) : undefined
    const changes = prev === undefined ? [] : diffValues(prev, state)
    const changedTop = new Set(changes.map((c) => topOf(c.path)))
    const rec = isRec(state) ? state : { '(state)': state }
    return {
      label: s.label,
      vars: Object.keys(rec).map((k) => [k, formatValue(rec[k] as Value, 4000), i > 0 && (changedTop.has(k) || (!isRec(state) && changes.length > 0))] as const),
      changes: changes.map((c) => formatChange(c, 400)),
    }
  })
  const hasDiagram = seq.nodes.length > 0
  const diagram = hasDiagram
    ? `<div id="diagram">${sequenceSvg(seq, trace.loopStart)}</div>`
    : `<ol id="steps">${seq.steps.map((s) => `<li data-step="${s.index}"${trace.loopStart === s.index ? ' class="loop-start"' : ''}><span class="mono">${escapeHtml(s.label)}</span></li>`).join('')}</ol>`
  const loopNote =
    trace.loopStart !== undefined
      ? `<p class="loop-note" data-loop-note="${trace.loopStart}">Lasso: after step ${trace.steps.length} the behaviour returns to step ${trace.loopStart + 1}; from step ${trace.loopStart + 1} it repeats forever.</p>`
      : ''
  const body = `<header>
<h1>${escapeHtml(options.title)}</h1>
${(options.details ?? []).map((d) => `<div class="meta">${escapeHtml(d)}</div>`).join('\n')}
</header>
<nav>
<button id="prev" title="previous step (← or k)">◀</button>
<button id="next" title="next step (→ or j)">▶</button>
<span id="pos"></span>
<span class="keys">keys: ← → or k j · Home End · click a step</span>
</nav>
${loopNote}
<main>
${diagram}
<section id="state" aria-live="polite">
<h2 id="step-title"></h2>
<ul id="changes"></ul>
<table id="vars"><thead><tr><th>variable</th><th>value</th></tr></thead><tbody></tbody></table>
</section>
</main>
<script type="application/json" id="trace-data">${jsonForScript({ steps, loopStart: trace.loopStart ?? null })}</script>`
  return page(options.title, VIEWER_CSS + SEQUENCE_CSS, body, VIEWER_JS)
}

const isRec = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The top-level variable of a change path: `rmState.r2` → `rmState`, `msgs[3]` → `msgs`. */
const topOf = (path: string): string => /^[^.[]*/.exec(path)?.[0] ?? path

const VIEWER_CSS = `
nav { position:sticky; top:0; z-index:2; display:flex; gap:10px; align-items:center; padding:8px 20px; background:#fff; border-bottom:1px solid var(--line); }
nav button { font-size:14px; padding:3px 12px; border:1px solid var(--line); border-radius:4px; background:var(--panel); cursor:pointer; }
nav #pos { font-weight:600; }
nav .keys { color:var(--muted); font-size:12px; margin-left:auto; }
.loop-note { margin:8px 20px 0; color:#b04a9c; font-weight:600; }
main { display:flex; gap:20px; align-items:flex-start; padding:12px 20px 40px; }
#diagram { flex:0 0 auto; max-width:62vw; overflow:auto; border:1px solid var(--line); border-radius:6px; }
#steps { flex:0 0 auto; margin:0; padding:6px 6px 6px 36px; border:1px solid var(--line); border-radius:6px; min-width:260px; }
#steps li { padding:2px 6px; cursor:pointer; border-radius:3px; }
#steps li.current { background:var(--cur); font-weight:700; }
#steps li.loop-start::after { content:"  ◀ loop starts here"; color:#b04a9c; font-weight:600; }
#state { flex:1 1 360px; min-width:300px; position:sticky; top:52px; max-height:calc(100vh - 70px); overflow:auto; }
#state h2 { font-size:15px; margin:0 0 6px; font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; }
#changes { margin:0 0 10px; padding-left:18px; font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
#changes li { color:#7a4b00; }
#changes li.none { color:var(--muted); list-style:none; margin-left:-18px; }
#vars { width:100%; }
#vars td { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; white-space:pre-wrap; word-break:break-word; border-top:1px solid #eef0f2; }
#vars td:first-child { white-space:nowrap; color:var(--muted); }
#vars tr.changed td { background:var(--hl); }
#vars tr.changed td:first-child { color:var(--fg); font-weight:700; }
`

const VIEWER_JS = `
(function () {
  var data = JSON.parse(document.getElementById('trace-data').textContent);
  var n = data.steps.length;
  var cur = 0;
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function show(i) {
    cur = Math.max(0, Math.min(n - 1, i));
    document.body.setAttribute('data-current-step', String(cur));
    var marked = document.querySelectorAll('[data-step]');
    for (var k = 0; k < marked.length; k++) marked[k].classList.toggle('current', Number(marked[k].getAttribute('data-step')) === cur);
    var s = data.steps[cur];
    document.getElementById('pos').textContent = 'step ' + (cur + 1) + ' of ' + n;
    document.getElementById('step-title').textContent = 'Step ' + (cur + 1) + ': ' + s.label + (data.loopStart === cur ? '   (the loop starts here)' : '');
    var ul = document.getElementById('changes');
    ul.textContent = '';
    if (cur === 0) ul.appendChild(el('li', 'none', 'initial state: every variable shown'));
    else if (s.changes.length === 0) ul.appendChild(el('li', 'none', 'no change'));
    for (var c = 0; c < s.changes.length; c++) ul.appendChild(el('li', '', s.changes[c]));
    if (data.loopStart !== null && cur === n - 1) ul.appendChild(el('li', 'none', 'next: back to step ' + (data.loopStart + 1) + ' (the loop repeats forever)'));
    var tb = document.querySelector('#vars tbody');
    tb.textContent = '';
    for (var v = 0; v < s.vars.length; v++) {
      var tr = el('tr', s.vars[v][2] ? 'changed' : '');
      tr.appendChild(el('td', '', s.vars[v][0]));
      tr.appendChild(el('td', '', s.vars[v][1]));
      tb.appendChild(tr);
    }
    var row = document.querySelector('.row[data-step="' + cur + '"], #steps li[data-step="' + cur + '"]');
    if (row && row.scrollIntoView) row.scrollIntoView({ block: 'nearest' });
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (k === 'ArrowRight' || k === 'ArrowDown' || k === 'j') show(cur + 1);
    else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'k') show(cur - 1);
    else if (k === 'Home') show(0);
    else if (k === 'End') show(n - 1);
    else return;
    e.preventDefault();
  });
  document.addEventListener('click', function (e) {
    var t = e.target && e.target.closest ? e.target.closest('[data-step]') : null;
    if (t) show(Number(t.getAttribute('data-step')));
  });
  document.getElementById('prev').addEventListener('click', function () { show(cur - 1); });
  document.getElementById('next').addEventListener('click', function () { show(cur + 1); });
  show(0);
})();
`
