/**
 * A `Sequence` drawn as an inline SVG message sequence diagram: one lifeline per node (top to
 * bottom is time, one row per step), the step's label in the left column, a dot where a step
 * concerns a node, and arrows for messages:
 * - delivered: solid, from the sender at the sending step to the receiver at the delivering step;
 * - dropped: solid, ending half way in a red ✕ at the step that dropped it;
 * - in flight at the end: dashed, running off the bottom of the diagram;
 * - made by a Duplicate fault: drawn in purple and dash-dotted (its Duplicate step has a "×2" mark).
 * Crashes (red ✕ box, the lifeline dashed red while down), restarts (green ↻), timeouts (a clock),
 * partitions (an orange dashed band across all lifelines until the heal, in green) are marked.
 * A lasso's loop is a bracket in the left margin with an arrow back to its first step.
 *
 * Every element a test or a script needs carries a data attribute: `data-step`, `data-lifeline`,
 * `data-arrow` (with `data-fate`), `data-mark`, `data-loop`.
 */
import { escapeHtml } from './html-page.ts'
import type { Arrow, Mark, Sequence } from './sequence.ts'

const ROW = 30
const TOP = 48
const LEFT = 270
const COL = 140
const LABEL_CHARS = 34
const LABEL_AT = [0.5, 0.78, 0.3, 0.64]

export function sequenceSvg(seq: Sequence, loopStart: number | undefined): string {
  const n = seq.steps.length
  const width = LEFT + Math.max(1, seq.nodes.length) * COL + 30
  const height = TOP + n * ROW + (seq.arrows.some((a) => a.fate === 'in-flight') ? 36 : 14)
  const x = (node: string): number => LEFT + seq.nodes.indexOf(node) * COL + COL / 2
  const y = (step: number): number => TOP + step * ROW + ROW / 2
  const bottom = TOP + n * ROW
  const parts: string[] = []

  parts.push(
    `<defs>` +
      `<marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker>` +
      `<marker id="head-dup" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-dup"/></marker>` +
      `<marker id="head-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" class="head-open"/></marker>` +
      `<marker id="head-loop" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-loop"/></marker>` +
      `</defs>`,
  )
  // Rows: the clickable step labels.
  for (const s of seq.steps) {
    const label = s.label.length > LABEL_CHARS ? `${s.label.slice(0, LABEL_CHARS - 1)}…` : s.label
    parts.push(
      `<g class="row${loopStart === s.index ? ' loop-start' : ''}" data-step="${s.index}">` +
        `<rect class="row-bg" x="0" y="${TOP + s.index * ROW}" width="${width}" height="${ROW}"/>` +
        `<text class="num" x="26" y="${y(s.index) + 4}" text-anchor="end">${s.index + 1}</text>` +
        `<text class="label kind-${s.kind}" x="36" y="${y(s.index) + 4}"><title>${escapeHtml(s.label)}</title>${escapeHtml(label)}</text>` +
        `</g>`,
    )
  }
  // Lifelines, and the stretches where a node is down.
  for (const node of seq.nodes) {
    parts.push(
      `<g data-lifeline="${escapeHtml(node)}"><text class="node" x="${x(node)}" y="${TOP - 18}" text-anchor="middle">${escapeHtml(node)}</text>` +
        `<line class="lifeline" x1="${x(node)}" y1="${TOP - 10}" x2="${x(node)}" y2="${bottom}"/></g>`,
    )
    for (const [from, to] of downIntervals(seq.marks, node, n)) {
      parts.push(`<line class="down" data-down="${escapeHtml(node)}" x1="${x(node)}" y1="${y(from)}" x2="${x(node)}" y2="${to === null ? bottom : y(to)}"/>`)
    }
  }
  // Partitions: a band from the partition to the heal (or the end).
  const lx = LEFT + 6
  const rx = LEFT + seq.nodes.length * COL - 6
  for (const m of seq.marks) {
    if (m.kind !== 'partition') continue
    const heal = seq.marks.find((h) => h.kind === 'heal' && h.step > m.step)
    const y2 = heal ? y(heal.step) : bottom
    parts.push(
      `<g data-mark="partition"><rect class="partition-band" x="${lx}" y="${y(m.step)}" width="${Math.max(0, rx - lx)}" height="${y2 - y(m.step)}"/>` +
        `<line class="partition" x1="${lx}" y1="${y(m.step)}" x2="${rx}" y2="${y(m.step)}"/>` +
        `<text class="partition-label" x="${rx - 2}" y="${y(m.step) - 4}" text-anchor="end">partition ${escapeHtml(m.label)}</text></g>`,
    )
  }
  for (const m of seq.marks) {
    if (m.kind === 'heal') {
      parts.push(`<g data-mark="heal"><line class="heal" x1="${lx}" y1="${y(m.step)}" x2="${rx}" y2="${y(m.step)}"/><text class="heal-label" x="${rx - 2}" y="${y(m.step) - 4}" text-anchor="end">healed</text></g>`)
    }
  }
  // Step dots.
  for (const s of seq.steps) {
    if (s.node !== null && seq.nodes.includes(s.node) && s.kind !== 'crash' && s.kind !== 'restart' && s.kind !== 'timeout') {
      parts.push(`<circle class="dot kind-${s.kind}" data-dot="${s.index}" cx="${x(s.node)}" cy="${y(s.index)}" r="4.5"/>`)
    }
  }
  // Arrows leaving one point (a broadcast) put their labels at different distances along them.
  const fanout = new Map<string, number>()
  for (const a of seq.arrows) {
    const k = `${a.from}@${a.sendStep}`
    const i = fanout.get(k) ?? 0
    fanout.set(k, i + 1)
    parts.push(arrowSvg(a, x, y, bottom, LABEL_AT[i % LABEL_AT.length] as number))
  }
  for (const m of seq.marks) {
    if (m.node !== null && seq.nodes.includes(m.node)) parts.push(nodeMarkSvg(m, x(m.node), y(m.step)))
  }
  if (loopStart !== undefined && n > 0) {
    const bx = LEFT - 16
    const y1 = y(loopStart)
    const y2 = y(n - 1)
    parts.push(
      `<g data-loop="${loopStart}"><path class="loop" d="M${bx + 8},${y2} H${bx} V${y1} H${bx + 8}" marker-end="url(#head-loop)"/>` +
        `<text class="loop-label" x="${bx - 4}" y="${(y1 + y2) / 2 + 4}" text-anchor="end">loop</text></g>`,
    )
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" class="seq" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="message sequence diagram">${parts.join('')}</svg>`
}

/** [crash step, restart step or null] for each time `node` was down. */
function downIntervals(marks: readonly Mark[], node: string, n: number): [number, number | null][] {
  const out: [number, number | null][] = []
  let since: number | null = null
  for (const m of marks) {
    if (m.node !== node) continue
    if (m.kind === 'crash' && since === null) since = m.step
    if (m.kind === 'restart' && since !== null) {
      out.push([since, m.step])
      since = null
    }
  }
  if (since !== null && since < n) out.push([since, null])
  return out
}

function arrowSvg(a: Arrow, x: (n: string) => number, y: (s: number) => number, bottom: number, at: number): string {
  const cls = `msg fate-${a.fate}${a.duplicate ? ' dup' : ''}`
  const head = a.duplicate ? 'url(#head-dup)' : a.fate === 'in-flight' ? 'url(#head-open)' : 'url(#head)'
  const x1 = x(a.from)
  const y1 = y(a.sendStep)
  const attrs = `data-arrow="" data-fate="${a.fate}" data-from="${escapeHtml(a.from)}" data-to="${escapeHtml(a.to ?? '')}" data-send="${a.sendStep}" data-end="${a.endStep ?? ''}"`
  const title = `<title>${escapeHtml(`${a.label}: sent at step ${a.sendStep + 1}${a.endStep !== null ? `, ${a.fate} at step ${a.endStep + 1}` : ', still in flight'}${a.duplicate ? ' (a duplicate)' : ''}`)}</title>`
  let x2: number
  let y2: number
  if (a.to === null) {
    x2 = x1 + 44
    y2 = y1 + 10
  } else if (a.fate === 'in-flight') {
    x2 = a.to === a.from ? x1 + 30 : x1 + (x(a.to) - x1) * 0.6
    y2 = bottom + 22
  } else {
    x2 = x(a.to)
    y2 = y(a.endStep as number)
    if (a.fate === 'dropped') x2 = a.to === a.from ? x1 + 30 : (x1 + x2) / 2
  }
  const self = a.to === a.from && a.fate === 'delivered'
  const shape = self
    ? `<path d="M${x1},${y1} C${x1 + 50},${y1} ${x1 + 50},${y2} ${x1 + 4},${y2}" marker-end="${head}"/>`
    : `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"${a.fate === 'dropped' ? '' : ` marker-end="${head}"`}/>`
  const drop = a.fate === 'dropped' ? `<text class="drop-x" x="${x2}" y="${y2 + 5}" text-anchor="middle">✕</text>` : ''
  const mx = self ? x1 + 40 : x1 + (x2 - x1) * at
  const my = self ? (y1 + y2) / 2 : y1 + (y2 - y1) * at - 4
  const label = `<text class="msg-label" x="${mx}" y="${my}" text-anchor="middle">${escapeHtml(shortLabel(a.label))}</text>`
  return `<g class="${cls}" ${attrs}>${title}${shape}${drop}${label}</g>`
}

/** The message's type and payload, without the `from→to` (the arrow shows it). */
const shortLabel = (label: string): string => {
  const s = label.replace(/ \S+→\S+$/, '')
  return s.length > 24 ? `${s.slice(0, 23)}…` : s
}

function nodeMarkSvg(m: Mark, cx: number, cy: number): string {
  const title = `<title>${escapeHtml(m.label)}</title>`
  switch (m.kind) {
    case 'crash':
      return `<g data-mark="crash">${title}<rect class="crash" x="${cx - 9}" y="${cy - 9}" width="18" height="18" rx="3"/><text class="crash-x" x="${cx}" y="${cy + 5}" text-anchor="middle">✕</text></g>`
    case 'restart':
      return `<g data-mark="restart">${title}<circle class="restart" cx="${cx}" cy="${cy}" r="9"/><text class="restart-x" x="${cx}" y="${cy + 4.5}" text-anchor="middle">↻</text></g>`
    case 'timeout':
      // A clock face drawn, not a glyph: emoji fonts are not everywhere.
      return `<g data-mark="timeout">${title}<circle class="timeout" cx="${cx}" cy="${cy}" r="9"/><path class="hands" d="M${cx},${cy - 6} V${cy} H${cx + 5}"/></g>`
    case 'duplicate':
      return `<g data-mark="duplicate">${title}<text class="dup-x" x="${cx + 10}" y="${cy + 4}">×2</text></g>`
    default:
      return ''
  }
}

export const SEQUENCE_CSS = `
.seq { display:block; }
.seq text { font-size:12px; fill:var(--fg); }
.seq .row-bg { fill:transparent; }
.seq .row:nth-child(odd) .row-bg { fill:#fafbfc; }
.seq .row { cursor:pointer; }
.seq .row:hover .row-bg { fill:#eef3f8; }
.seq .row.current .row-bg { fill:var(--cur); }
.seq .row.current .label { font-weight:700; }
.seq .num { fill:var(--muted); }
.seq .label { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:11.5px; }
.seq .node { font-weight:700; font-size:13px; }
.seq .lifeline { stroke:#9aa5b1; stroke-width:1.5; }
.seq .down { stroke:var(--bad); stroke-width:3; stroke-dasharray:4 4; }
.seq .dot { fill:var(--fg); }
.seq .dot.kind-deliver { fill:var(--accent); }
.seq .msg line, .seq .msg path { stroke:var(--accent); stroke-width:1.6; fill:none; }
.seq .msg.fate-dropped line { stroke:var(--bad); }
.seq .msg.fate-in-flight line { stroke:#7b8794; stroke-dasharray:6 4; }
.seq .msg.dup line, .seq .msg.dup path { stroke:#8e44ad; stroke-dasharray:8 3 2 3; }
.seq .head { fill:var(--accent); }
.seq .head-dup { fill:#8e44ad; }
.seq .head-loop { fill:#b04a9c; }
.seq .head-open { fill:none; stroke:#7b8794; stroke-width:1.5; }
.seq .msg-label { font-size:10.5px; fill:#33414e; paint-order:stroke; stroke:#fff; stroke-width:3px; }
.seq .drop-x { fill:var(--bad); font-size:15px; font-weight:700; }
.seq .crash { fill:var(--bad); }
.seq .crash-x { fill:#fff; font-weight:700; }
.seq .restart { fill:var(--good); }
.seq .restart-x { fill:#fff; font-weight:700; }
.seq .timeout { fill:#fff; stroke:var(--warn); stroke-width:1.5; }
.seq .hands { stroke:var(--warn); stroke-width:1.8; fill:none; stroke-linecap:round; }
.seq .dup-x { fill:#8e44ad; font-weight:700; }
.seq .partition { stroke:var(--warn); stroke-width:2; stroke-dasharray:7 4; }
.seq .partition-band { fill:rgba(217,130,43,0.07); }
.seq .partition-label { fill:var(--warn); font-size:11px; font-weight:600; }
.seq .heal { stroke:var(--good); stroke-width:2; stroke-dasharray:7 4; }
.seq .heal-label { fill:var(--good); font-size:11px; font-weight:600; }
.seq .loop { stroke:#b04a9c; stroke-width:2; fill:none; }
.seq .loop-label { fill:#b04a9c; font-weight:700; }
.seq .row.loop-start .num { fill:#b04a9c; font-weight:700; }
`
