/**
 * The explorer's one page: static HTML, CSS and plain JS (no framework, nothing fetched but the
 * JSON API of `api.ts`). The URL carries the state: `/?path=0.3.1` (`path.ts`); each step taken
 * is a history entry, so the browser's back button goes back too, and reloading or sharing the
 * URL shows the same state. A loaded ITF trace is kept in the tab's sessionStorage, so a reload
 * keeps its panel; a shared URL carries only the path. The API sends a path once and numbers the
 * states along it: a trail entry's or trace step's path is cut from it when clicked, not sent or
 * kept per entry (per entry, a long path's page would be quadratic in its length). A URL whose path is not in normal form
 * (`00.01`) is rewritten to the one the API answers (`0.1`), so the link shared is canonical.
 *
 * Hooks for tests and scripts: `body[data-path]` is the path shown once a render has finished;
 * steps are `button[data-step-index]` with `data-label`; properties are `[data-property]` with
 * `data-status`; trace steps are `button[data-trace-step]`.
 */
export const EXPLORER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Interleave explorer</title>
<style>
  :root { --fg: #1d2330; --muted: #667085; --line: #d9dee7; --bg: #f7f8fa; --ok: #137333; --bad: #b3261e; --chg: #fff4ce; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
  header { padding: 10px 16px; background: #fff; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: baseline; }
  header h1 { font-size: 17px; margin: 0; }
  header .meta { color: var(--muted); }
  header .tools { margin-left: auto; display: flex; gap: 10px; align-items: center; }
  main { display: grid; grid-template-columns: minmax(220px, 300px) minmax(0, 1fr) minmax(0, 1fr); gap: 12px; padding: 12px 16px; align-items: start; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; min-width: 0; }
  h2 { font-size: 14px; margin: 0 0 8px; }
  ol, ul { margin: 0; padding-left: 20px; }
  button { font: inherit; cursor: pointer; }
  button.link { border: 0; background: none; padding: 1px 2px; color: #1a56c4; text-align: left; }
  button.link:hover { text-decoration: underline; }
  #trail li.current > button, #trace-steps li.current > button { font-weight: 600; color: var(--fg); }
  #vars { border-collapse: collapse; width: 100%; font-family: ui-monospace, monospace; font-size: 12.5px; }
  #vars td { border-top: 1px solid var(--line); padding: 3px 6px; vertical-align: top; overflow-wrap: anywhere; }
  #vars td:first-child { white-space: nowrap; color: var(--muted); width: 1%; }
  #vars tr.changed td { background: var(--chg); }
  .changes { font-family: ui-monospace, monospace; font-size: 12px; color: #3d4454; overflow-wrap: anywhere; }
  #steps > li { margin-bottom: 8px; }
  #steps button.step { border: 1px solid var(--line); background: #eef3fd; border-radius: 4px; padding: 2px 8px; font-family: ui-monospace, monospace; }
  #steps button.step:hover { background: #dbe6fb; }
  #properties li { list-style: none; margin: 2px 0 2px -20px; }
  .badge { display: inline-block; min-width: 74px; text-align: center; border-radius: 10px; padding: 0 8px; margin-right: 6px; font-size: 12px; color: #fff; background: var(--muted); }
  [data-status="holds"] .badge, [data-status="reached"] .badge, [data-status="true"] .badge { background: var(--ok); }
  [data-status="violated"] .badge { background: var(--bad); }
  [data-status="violated"] { font-weight: 600; }
  .muted { color: var(--muted); }
  #error { margin: 10px 16px 0; padding: 8px 12px; background: #fdecea; color: var(--bad); border: 1px solid #f3c1bc; border-radius: 6px; }
  .note { color: var(--muted); margin: 6px 0 0; }
  main > div > section { margin-bottom: 12px; }
  @media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); } }
</style>
</head>
<body data-path="">
<header>
  <h1 id="title">Interleave explorer</h1>
  <span class="meta" id="meta"></span>
  <span class="tools">
    <label>Load ITF trace <input type="file" id="trace-file" accept=".json,application/json"></label>
    <a id="share" href="">Link to this state</a>
    <button id="copy" type="button">Copy link</button>
  </span>
</header>
<p id="error" role="alert" hidden></p>
<main>
  <div>
    <section id="path-panel">
      <h2>Path <button id="back" type="button" title="Go back one step">← Back</button></h2>
      <ol id="trail" start="0"></ol>
    </section>
    <section id="trace-panel" hidden>
      <h2 id="trace-title">Trace</h2>
      <ol id="trace-steps" start="0"></ol>
      <p class="note" id="trace-notes"></p>
      <button id="trace-close" type="button" class="link">Close trace</button>
    </section>
  </div>
  <div>
    <section id="inits-panel" hidden>
      <h2>Choose an initial state</h2>
      <ol id="inits" start="0"></ol>
    </section>
    <section id="state-panel">
      <h2 id="state-title">State</h2>
      <table id="vars"></table>
      <div id="last-step"></div>
      <p class="note" id="constraint-note" hidden>Outside the spec's state constraint: <code>check</code> keeps this state but does not expand it.</p>
    </section>
    <section id="properties-panel">
      <h2>Properties in this state</h2>
      <ul id="properties"></ul>
    </section>
  </div>
  <section id="steps-panel">
    <h2 id="steps-title">Enabled actions</h2>
    <ol id="steps" start="0"></ol>
    <p class="note">Keys: 0–9 take that step, Backspace goes back.</p>
  </section>
</main>
<script>
'use strict'
const $ = (id) => document.getElementById(id)
const el = (tag, props, ...children) => {
  const e = document.createElement(tag)
  Object.assign(e, props || {})
  for (const c of children) e.append(c)
  return e
}
const TRACE_KEY = 'interleave-explorer-trace'
let info = null
let renders = 0
let trace = null
try { trace = JSON.parse(sessionStorage.getItem(TRACE_KEY) || 'null') } catch { trace = null }

async function getJson(url, init) {
  const r = await fetch(url, init)
  let body = null
  try { body = await r.json() } catch { body = null }
  if (!r.ok) throw new Error((body && body.error) || (r.status + ' ' + r.statusText))
  return body
}

const pathFromUrl = () => new URLSearchParams(location.search).get('path') || ''
const urlFor = (path) => location.pathname + (path === '' ? '' : '?path=' + path)
const parentOf = (path) => path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : ''
// The path to the state after the first n entries of path (a trail entry, a trace step).
const prefixOf = (path, n) => path.split('.').slice(0, n).join('.')

function go(path, push = true) {
  if (push) history.pushState(null, '', urlFor(path))
  else history.replaceState(null, '', urlFor(path))
  return render(path)
}
window.addEventListener('popstate', () => render(pathFromUrl()))

function showError(message) {
  $('error').hidden = !message
  $('error').textContent = message || ''
}

async function render(path) {
  const mine = ++renders
  if (path === '' && info.inits.length === 1) return go('0', false)
  let view = null
  let error = ''
  if (path !== '') {
    try { view = await getJson('/api/state?path=' + encodeURIComponent(path)) } catch (e) { error = e.message }
  }
  if (mine !== renders) return
  // The API answers the path in normal form: the URL (and the link to share) shows that one.
  if (view && view.path !== path) history.replaceState(null, '', urlFor(view.path))
  showError(error)
  showInits(view === null)
  showState(view)
  showTrace(view ? view.path : '')
  $('share').href = location.href
  document.body.dataset.path = view ? view.path : ''
}

function showInits(visible) {
  $('inits-panel').hidden = !visible
  $('state-panel').hidden = visible
  $('properties-panel').hidden = visible
  $('steps-panel').hidden = visible
  $('inits').replaceChildren(...info.inits.map((s) =>
    el('li', {}, el('button', { type: 'button', className: 'link', textContent: s.summary, onclick: () => go(s.path) }))))
}

function showState(v) {
  $('back').disabled = !v || (parentOf(v.path) === '' && info.inits.length === 1)
  if (!v) { $('trail').replaceChildren(); return }
  $('trail').replaceChildren(...v.trail.map((t, i) => {
    const li = el('li', { className: i === v.trail.length - 1 ? 'current' : '' },
      el('button', { type: 'button', className: 'link', textContent: t.label, onclick: () => go(prefixOf(v.path, i + 1)) }))
    li.dataset.trailIndex = String(i)
    return li
  }))
  $('state-title').textContent = 'State ' + (v.trail.length - 1) + (v.trail.length > 1 ? ', after ' + v.trail[v.trail.length - 1].label : ' (initial)')
  $('vars').replaceChildren(...v.variables.map((x) => {
    const tr = el('tr', { className: x.changed ? 'changed' : '' }, el('td', { textContent: x.name }), el('td', { textContent: x.value }))
    tr.dataset.var = x.name
    return tr
  }))
  $('last-step').replaceChildren(...(v.changes.length
    ? [el('p', { className: 'note', textContent: 'The last step changed:' }), el('ul', { className: 'changes' }, ...v.changes.map((c) => el('li', { textContent: c })))]
    : []))
  $('constraint-note').hidden = !v.outsideConstraint
  $('properties').replaceChildren(...v.properties.map((p) => {
    const li = el('li', { title: p.detail || '' },
      el('span', { className: 'badge', textContent: p.status.replace('-', ' ') }),
      el('span', { textContent: p.name + ' ' }),
      el('span', { className: 'muted', textContent: p.kind + (p.checked ? '' : ', not checked by this spec') + (p.detail ? ': ' + p.detail : '') }))
    li.dataset.property = p.name
    li.dataset.status = p.status
    return li
  }))
  $('steps-title').textContent = v.stepsError ? 'The model threw here: ' + v.stepsError : v.steps.length ? 'Enabled actions (' + v.steps.length + ')' : 'No enabled action: a terminal state'
  $('steps').replaceChildren(...v.steps.map((s) => {
    const b = el('button', { type: 'button', className: 'step', textContent: s.label, onclick: () => go(v.path + '.' + s.index) })
    b.dataset.stepIndex = String(s.index)
    b.dataset.label = s.label
    return el('li', {}, b, el('ul', { className: 'changes' },
      ...(s.changes.length ? s.changes.map((c) => el('li', { textContent: c })) : [el('li', { className: 'muted', textContent: '(no change)' })])))
  }))
}

function showTrace(current) {
  $('trace-panel').hidden = !trace
  if (!trace) return
  const m = trace.match
  $('trace-title').textContent = 'Trace ' + trace.name + (m.property ? ' (' + m.property + ')' : '')
  // The current state is trace step i when its path is the first i + 1 entries of the trace's.
  const at = current !== '' && (m.path === current || m.path.startsWith(current + '.')) ? current.split('.').length - 1 : -1
  $('trace-steps').replaceChildren(...m.steps.map((s, i) => {
    const b = el('button', { type: 'button', className: 'link', textContent: s.label + (m.loop === i ? '  ◀ loop starts here' : ''), onclick: () => go(prefixOf(m.path, i + 1)) })
    b.dataset.traceStep = String(i)
    return el('li', { className: i === at ? 'current' : '' }, b)
  }))
  const notes = [...m.notes]
  if (m.steps.length < m.total) notes.unshift(m.steps.length + ' of ' + m.total + ' states matched.')
  $('trace-notes').textContent = notes.join(' ')
}

$('trace-file').addEventListener('change', async (ev) => {
  const file = ev.target.files && ev.target.files[0]
  if (!file) return
  try {
    const text = await file.text()
    const match = await getJson('/api/trace?name=' + encodeURIComponent(file.name), { method: 'POST', body: text, headers: { 'content-type': 'application/json' } })
    trace = { name: file.name, match, served: servedKey(info) }
    sessionStorage.setItem(TRACE_KEY, JSON.stringify(trace))
    ev.target.value = ''
    if (match.path !== '') await go(match.path)
    else { showTrace(document.body.dataset.path); showError(file.name + ': ' + match.notes.join('; ')) }
  } catch (e) {
    showError(e.message)
  }
})
$('trace-close').addEventListener('click', () => {
  trace = null
  sessionStorage.removeItem(TRACE_KEY)
  showTrace('')
})
$('back').addEventListener('click', () => go(parentOf(document.body.dataset.path)))
document.addEventListener('keydown', (ev) => {
  if (ev.target instanceof HTMLInputElement || ev.ctrlKey || ev.metaKey || ev.altKey) return
  if (/^[0-9]$/.test(ev.key)) {
    const b = document.querySelector('#steps button[data-step-index="' + ev.key + '"]')
    if (b) { ev.preventDefault(); b.click() }
  } else if (ev.key === 'Backspace' && !$('back').disabled) {
    ev.preventDefault()
    $('back').click()
  }
})
$('copy').addEventListener('click', async () => {
  try { await navigator.clipboard.writeText(location.href); $('copy').textContent = 'Copied' } catch { $('copy').textContent = 'Copy failed: use the link' }
  setTimeout(() => { $('copy').textContent = 'Copy link' }, 1500)
})

// A trace is kept for the spec it was matched against: the same port may serve another spec
// after a restart, where the kept steps' paths name other states (a helper's tour).
function servedKey(i) { return JSON.stringify([i.spec, i.model, i.params, i.file]) }

getJson('/api/info').then((i) => {
  info = i
  // (A trace kept from an older server has no match.path: its steps carried their own paths.)
  if (trace && (trace.served !== servedKey(i) || typeof (trace.match && trace.match.path) !== 'string')) {
    trace = null
    sessionStorage.removeItem(TRACE_KEY)
  }
  document.title = i.spec + ' · Interleave explorer'
  $('title').textContent = i.spec
  const params = Object.keys(i.params).map((k) => k + '=' + i.params[k]).join(' ')
  $('meta').textContent = 'model ' + i.model + (params ? ' · ' + params : '') + (i.file ? ' · ' + i.file : '')
  return render(pathFromUrl())
}).catch((e) => showError(e.message))
</script>
</body>
</html>
`
