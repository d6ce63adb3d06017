/**
 * The trace viewer: one self-contained HTML page (inline CSS, script and SVG; nothing fetched)
 * showing a counterexample as a message sequence diagram (see `sequence.ts` for how nodes and
 * messages are read from the trace, `sequence-svg.ts` for the drawing) beside the state at the
 * current step. The page fills the window: the diagram scrolls in its own box (its header and step
 * column sticky), the state panel beside it.
 *
 * The state panel lists the step's changes by path, then every variable, short values on one
 * line and long ones an entry a line, with the values the step replaced highlighted at any depth
 * and the elements it added to a set or list marked; a filter box and a "hide unchanged" box
 * narrow the variables. The state is shipped once per distinct value (a pool), so a long trace
 * whose variables rarely change stays small. When the caller names the violated property, the
 * last step is marked with it.
 *
 * Navigation: ←/→ or k/j (also ↑/↓, Home/End), the ◀/▶ buttons, or a click on a step; `/` goes to
 * the filter. The page records the current step in `body[data-current-step]` (0-based) for tests
 * and scripts.
 * Without any node to draw (no step concerns a node) the page shows a plain step list instead.
 */
import { actionLabel } from '../core/action.ts'
import type { Trace } from '../core/result.ts'
import { upToText } from '../core/result.ts'
import type { Value } from '../core/value.ts'
import { diffValues } from '../state/diff.ts'
import { formatValue, toPlain } from './format-value.ts'
import { escapeHtml, jsonForScript, page } from './html-page.ts'
import { sequenceOf } from './sequence.ts'
import type { Violation } from './sequence-svg.ts'
import { HEAD, SEQUENCE_CSS, sequenceDiagram, stepColumnWidth } from './sequence-svg.ts'
import { formatChange } from './text.ts'

export interface HtmlOptions {
  /** The page heading, e.g. "TCConsistent violated in two-phase-commit". */
  readonly title: string
  /** Lines under the heading: spec, params, property kind, where the trace came from. */
  readonly details?: readonly string[]
  /** The property the trace violates: its last state (or its loop) is marked with the name. */
  readonly property?: Violation
}

/** A value as the state panel draws it: a leaf's text, or a record / array with its children and
 * its one-line form (drawn inline when short). */
type Tree = string | { readonly r: readonly (readonly [string, Tree])[]; readonly s: string } | { readonly a: readonly Tree[]; readonly s: string }

interface StepData {
  readonly label: string
  /** [variable, index of its value in the page's pool of values]: unchanged values are shared. */
  readonly vars: readonly (readonly [string, number])[]
  /** Paths whose value this step replaced (`proposers.p1.phase`). */
  readonly chg: readonly string[]
  /** Paths above a replaced one (`proposers`, `proposers.p1`), and sets or lists that gained or
   * lost elements (`net.sent`). */
  readonly inner: readonly string[]
  /** [set or list path, element added there (its one-line form)] */
  readonly added: readonly (readonly [string, string])[]
  readonly changes: readonly string[]
}

export function renderTraceHtml(trace: Trace, options: HtmlOptions): string {
  const seq = sequenceOf(trace)
  const states = trace.steps.map((s) => toPlain(s.state))
  const pool: Tree[] = []
  const poolIndex = new Map<string, number>()
  const intern = (v: Value): number => {
    const key = formatValue(v)
    let i = poolIndex.get(key)
    if (i === undefined) {
      i = pool.length
      pool.push(treeOf(v))
      poolIndex.set(key, i)
    }
    return i
  }
  const steps: StepData[] = seq.steps.map((s, i) => {
    const state = states[i] as Value
    const prev = i > 0 ? (states[i - 1] as Value) : undefined
    // A state that is not a record is one variable, "(state)"; its paths start with that name.
    const changes = prev === undefined ? [] : diffValues(prev, state, isRec(state) ? '' : '(state)')
    const rec = isRec(state) ? state : { '(state)': state }
    // A set or list that only gained or lost elements is not highlighted whole: its added
    // elements are, and it counts as a path above a change.
    const chg = [...new Set(changes.filter((c) => c.kind === 'set').map((c) => c.path))]
    const grown = changes.filter((c) => c.kind !== 'set').map((c) => c.path)
    return {
      label: s.label,
      vars: Object.keys(rec).map((k) => [k, intern(rec[k] as Value)] as const),
      chg,
      inner: [...new Set([...grown, ...changes.flatMap((c) => ancestorsOf(c.path))])],
      added: changes.flatMap((c) => (c.kind === 'add' ? [[c.path, formatValue(c.value)] as const] : [])),
      changes: changes.map((c) => formatChange(c, 400)),
    }
  })
  const violation = options.property
  const hasDiagram = seq.nodes.length > 0
  const last = trace.steps.length - 1
  const diagram = hasDiagram
    ? // Scroll padding keeps what is scrolled into view clear of the sticky header and step column.
      `<div id="diagram" style="scroll-padding:${HEAD}px 0 0 ${stepColumnWidth(seq)}px">${sequenceDiagram(seq, trace.loopStart, violation)}</div>`
    : `<ol id="steps">${seq.steps.map((s) => `<li data-step="${s.index}" title="${escapeHtml(s.label)}" class="${[trace.loopStart === s.index ? 'loop-start' : '', violation && s.index === last ? 'violating' : ''].filter(Boolean).join(' ')}"><span class="mono">${escapeHtml(s.label)}</span>${violation && s.index === last ? ` <span class="viol" data-violation="${escapeHtml(violation.name)}">✕ ${escapeHtml(violation.name)}</span>` : ''}</li>`).join('')}</ol>`
  const loopNote =
    trace.loopStart !== undefined
      ? `<p class="loop-note" data-loop-note="${trace.loopStart}">${
          trace.loopStart === trace.steps.length - 1
            ? trace.closing
              ? `Lasso: ${escapeHtml(actionLabel(trace.closing))} leads from step ${trace.steps.length} back to itself${escapeHtml(upToText(trace.closesUpTo))}, forever.`
              : `Lasso: the behaviour stays in step ${trace.steps.length} forever.`
            : `Lasso: after step ${trace.steps.length}${trace.closing ? `, ${escapeHtml(actionLabel(trace.closing))}` : ''} the behaviour returns to step ${trace.loopStart + 1}${escapeHtml(upToText(trace.closesUpTo))}; from step ${trace.loopStart + 1} it repeats forever.`
        }</p>${
          trace.fairness && trace.fairness.length > 0
            ? `<details class="loop-fair"><summary>Why the loop is fair</summary><ul>${trace.fairness.map((f) => `<li class="mono">${escapeHtml(f)}</li>`).join('')}</ul></details>`
            : ''
        }`
      : ''
  const violationText = violation
    ? trace.loopStart !== undefined
      ? `✕ ${violation.name}${violation.kind ? ` (${violation.kind})` : ''} is violated by this run: from step ${trace.loopStart + 1} to here it repeats forever`
      : `✕ This state violates ${violation.name}${violation.kind ? ` (${violation.kind})` : ''}`
    : ''
  const body = `<header>
<h1>${escapeHtml(options.title)}</h1>
${(options.details ?? []).map((d) => `<div class="meta">${escapeHtml(d)}</div>`).join('\n')}
</header>
<nav>
<button id="prev" title="previous step (← or k)">◀</button>
<button id="next" title="next step (→ or j)">▶</button>
<span id="pos"></span>
${violation ? `<button id="to-violation" title="the violating step (End)">✕ ${escapeHtml(violation.name)}</button>` : ''}
<span class="keys">keys: ← → or k j · Home End · / filter · click a step · hover a label for all of it</span>
</nav>
${loopNote}
<main>
${diagram}
<section id="state" aria-live="polite">
<h2 id="step-title"></h2>
<p id="violation" hidden>${escapeHtml(violationText)}</p>
<ul id="changes"></ul>
<div id="var-tools"><input id="filter" type="text" placeholder="filter variables (/)" aria-label="filter variables"><label><input id="hide-unchanged" type="checkbox"> hide unchanged</label></div>
<table id="vars"><thead><tr><th>variable</th><th>value</th></tr></thead><tbody></tbody></table>
</section>
</main>
<script type="application/json" id="trace-data">${jsonForScript({ steps, pool, loopStart: trace.loopStart ?? null, violating: violation ? last : null })}</script>`
  return page(options.title, VIEWER_CSS + SEQUENCE_CSS, body, VIEWER_JS)
}

const isRec = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v)

function treeOf(v: Value): Tree {
  if (Array.isArray(v)) return { a: (v as readonly Value[]).map(treeOf), s: formatValue(v) }
  if (isRec(v)) return { r: Object.keys(v).map((k) => [k, treeOf(v[k] as Value)] as const), s: formatValue(v) }
  return formatValue(v)
}

/** The paths above `path`: `a.b[2].c` → `a`, `a.b`, `a.b[2]` (the syntax of `diff.ts`). */
export function ancestorsOf(path: string): string[] {
  const parts = path.match(/^\(state\)|\.?[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g) ?? []
  const out: string[] = []
  let at = ''
  for (const p of parts.slice(0, -1)) {
    at += p
    out.push(at)
  }
  return out
}

const VIEWER_CSS = `
html, body { height:100%; }
body { display:flex; flex-direction:column; overflow:hidden; }
header { flex:0 0 auto; padding:8px 20px; }
header h1 { font-size:17px; margin:0 0 2px; }
header .meta { font-size:12.5px; }
nav { flex:0 0 auto; display:flex; gap:10px; align-items:center; padding:6px 20px; background:#fff; border-bottom:1px solid var(--line); }
nav button { font-size:14px; padding:2px 12px; border:1px solid var(--line); border-radius:4px; background:var(--panel); cursor:pointer; }
nav #to-violation { color:var(--bad); font-weight:700; font-size:13px; }
nav #pos { font-weight:600; }
nav .keys { color:var(--muted); font-size:12px; margin-left:auto; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.loop-note { flex:0 0 auto; margin:6px 20px 0; color:#b04a9c; font-weight:600; }
.loop-fair { flex:0 0 auto; margin:4px 20px 0; }
.loop-fair ul { margin:4px 0 0; }
main { flex:1 1 auto; min-height:0; display:flex; gap:14px; padding:10px 14px 10px 20px; }
#diagram { flex:0 1 auto; min-width:0; overflow:auto; border:1px solid var(--line); border-radius:6px; }
#steps { flex:0 1 auto; min-width:260px; overflow:auto; margin:0; padding:6px 6px 6px 36px; border:1px solid var(--line); border-radius:6px; }
#steps li { padding:2px 6px; cursor:pointer; border-radius:3px; }
#steps li.current { background:var(--cur); font-weight:700; }
#steps li.loop-start::after { content:"  ◀ loop starts here"; color:#b04a9c; font-weight:600; }
#steps li.violating { background:#fdecea; }
#steps .viol { color:#fff; background:var(--bad); border-radius:3px; padding:0 5px; font-size:11px; font-weight:700; }
#state { flex:1 0 clamp(300px, 24vw, 520px); min-width:300px; overflow:auto; }
#state h2 { font-size:14px; margin:0 0 6px; font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; overflow-wrap:anywhere; }
#violation { margin:0 0 8px; padding:4px 8px; border-radius:4px; background:#fdecea; color:var(--bad); font-weight:700; }
#changes { margin:0 0 8px; padding-left:18px; font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12px; overflow-wrap:anywhere; }
#changes li { color:#7a4b00; }
#changes li.none { color:var(--muted); list-style:none; margin-left:-18px; }
#var-tools { display:flex; gap:12px; align-items:center; margin:0 0 6px; font-size:12.5px; color:var(--muted); }
#filter { flex:1 1 auto; min-width:0; font:inherit; padding:2px 6px; border:1px solid var(--line); border-radius:4px; }
#vars { width:100%; }
#vars td { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12px; word-break:break-word; border-top:1px solid #eef0f2; }
#vars td:first-child { white-space:nowrap; color:var(--muted); }
#vars tr.changed td:first-child { color:var(--fg); font-weight:700; background:var(--hl); }
#vars .blk { padding-left:12px; border-left:1px dotted #d5dbe1; }
#vars .k { color:var(--muted); }
#vars .chg { background:var(--hl); outline:1px solid #f0d264; border-radius:2px; }
#vars .added { background:#dff3e1; outline:1px solid #9fd3a6; border-radius:2px; }
`

const VIEWER_JS = `
(function () {
  var data = JSON.parse(document.getElementById('trace-data').textContent);
  var n = data.steps.length;
  var cur = 0;
  var ID = /^[A-Za-z_$][\\w$]*$/;
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  // The path syntax of diff.ts: a.b, a["x y"], a[2].
  function keyPath(path, k) { return ID.test(k) ? (path ? path + '.' + k : k) : path + '[' + JSON.stringify(k) + ']'; }
  function has(list, x) { return list.indexOf(x) >= 0; }
  function addedAt(s, path) { var out = []; for (var i = 0; i < s.added.length; i++) if (s.added[i][0] === path) out.push(s.added[i][1]); return out; }
  // Short values inline, long ones one entry a line; changed paths highlighted at any depth.
  function render(t, path, s, isAdded) {
    var cls = has(s.chg, path) ? 'chg' : isAdded ? 'added' : '';
    if (typeof t === 'string') return el('span', cls, t);
    var adds = addedAt(s, path);
    var inline = t.s.length <= 72;
    var box = el(inline ? 'span' : 'div', (inline ? '' : 'blk ') + cls);
    var items = t.r || t.a;
    if (inline) box.appendChild(document.createTextNode(t.r ? '{' : '['));
    for (var i = 0; i < items.length; i++) {
      var key = t.r ? items[i][0] : null;
      var child = t.r ? items[i][1] : items[i];
      var p = t.r ? keyPath(path, key) : path + '[' + i + ']';
      var ad = !t.r && has(adds, typeof child === 'string' ? child : child.s);
      var holder = inline ? box : box.appendChild(el('div', 'ent'));
      if (inline && i > 0) holder.appendChild(document.createTextNode(', '));
      if (key !== null) holder.appendChild(el('span', 'k', (ID.test(key) ? key : JSON.stringify(key)) + ': '));
      else if (!inline) holder.appendChild(el('span', 'k', '- '));
      holder.appendChild(render(child, p, s, ad));
    }
    if (inline) box.appendChild(document.createTextNode(t.r ? '}' : ']'));
    else if (items.length === 0) box.appendChild(el('span', 'k', t.s));
    return box;
  }
  function fillVars() {
    var s = data.steps[cur];
    var q = document.getElementById('filter').value.trim().toLowerCase();
    var hide = document.getElementById('hide-unchanged').checked;
    var tb = document.querySelector('#vars tbody');
    tb.textContent = '';
    for (var v = 0; v < s.vars.length; v++) {
      var name = s.vars[v][0];
      var path = name === '(state)' ? name : keyPath('', name);
      var changed = cur > 0 && (has(s.chg, path) || has(s.inner, path));
      if (q && name.toLowerCase().indexOf(q) < 0) continue;
      if (hide && !changed) continue;
      var tr = el('tr', changed ? 'changed' : '');
      tr.setAttribute('data-var', name);
      tr.appendChild(el('td', '', name));
      var td = el('td', '');
      td.appendChild(render(data.pool[s.vars[v][1]], path, cur > 0 ? s : { chg: [], added: [] }, false));
      tr.appendChild(td);
      tb.appendChild(tr);
    }
  }
  function show(i) {
    cur = Math.max(0, Math.min(n - 1, i));
    document.body.setAttribute('data-current-step', String(cur));
    var marked = document.querySelectorAll('[data-step]');
    for (var k = 0; k < marked.length; k++) marked[k].classList.toggle('current', Number(marked[k].getAttribute('data-step')) === cur);
    var s = data.steps[cur];
    document.getElementById('pos').textContent = 'step ' + (cur + 1) + ' of ' + n;
    document.getElementById('step-title').textContent = 'Step ' + (cur + 1) + ': ' + s.label + (data.loopStart === cur ? '   (the loop starts here)' : '');
    document.getElementById('violation').hidden = data.violating !== cur;
    var ul = document.getElementById('changes');
    ul.textContent = '';
    if (cur === 0) ul.appendChild(el('li', 'none', 'initial state: every variable shown'));
    else if (s.changes.length === 0) ul.appendChild(el('li', 'none', 'no change'));
    for (var c = 0; c < s.changes.length; c++) ul.appendChild(el('li', '', s.changes[c]));
    if (data.loopStart !== null && cur === n - 1) ul.appendChild(el('li', 'none', 'next: back to step ' + (data.loopStart + 1) + ' (the loop repeats forever)'));
    fillVars();
    var row = document.querySelector('.row[data-step="' + cur + '"], #steps li[data-step="' + cur + '"]');
    if (row && row.scrollIntoView) row.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (e.target && e.target.tagName === 'INPUT') {
      if (k === 'Escape') e.target.blur();
      return;
    }
    if (k === '/') { document.getElementById('filter').focus(); e.preventDefault(); return; }
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
  var jump = document.getElementById('to-violation');
  if (jump) jump.addEventListener('click', function () { show(data.violating); });
  document.getElementById('filter').addEventListener('input', fillVars);
  document.getElementById('hide-unchanged').addEventListener('change', fillVars);
  show(0);
})();
`
