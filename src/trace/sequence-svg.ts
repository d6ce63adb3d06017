/**
 * A `Sequence` drawn as a message sequence diagram that scales to many nodes and steps: an HTML
 * block meant for a scrolling box, with
 * - a header row of lifeline names, grouped under their role's caption, that sticks to the top;
 * - a step column (number and action, cut with an ellipsis, the whole label on hover) that
 *   sticks to the left;
 * - an inline SVG body: one lifeline per node (top to bottom is time, one row per step), a dot
 *   where a step concerns a node, and arrows for messages:
 *   - delivered: solid, from the sender at the sending step to the receiver at the delivering step;
 *   - dropped: solid, ending half way in a red ✕ at the step that dropped it;
 *   - in flight at the end: a short dashed stub towards the receiver (not a line to the bottom:
 *     with many of them those tangled), its label naming the receiver;
 *   - a call (an RPC-style step, no message): a short solid arrow within the step's row;
 *   - made by a Duplicate fault: drawn in purple and dash-dotted (its Duplicate step has a "×2").
 * Crashes (red ✕ box; the lifeline dashed red while the state says the node is down), restarts
 * (green ↻), timeouts (a clock), partitions (an orange band across all lifelines until the heal,
 * in green) are marked. A lasso's loop is a bracket at the left with an arrow back to its first
 * step. The violating step's row is red and names the property.
 *
 * Arrow labels are placed without overlap: each label tries points along its arrow (on it, then
 * just below it) until its box (`labelBox`: estimated from the monospace font, 0.62 em a character,
 * with the white halo drawn round the letters) is free of every label, mark and partition line
 * already placed; a label with no free point is not drawn (its arrow's tooltip still has it). The
 * labels are drawn after every arrow, so no arrow line crosses one (a crossing arrow goes under its
 * halo). The estimate is checked against Chromium's own boxes by test/trace/viewer-scale.test.ts.
 *
 * Every element a test or a script needs carries a data attribute: `data-step`,
 * `data-lifeline` (the SVG line) and `data-lifeline-head` (its sticky name), `data-arrow` (with
 * `data-fate`), `data-mark`, `data-down`, `data-loop`, `data-violation`.
 */
import { escapeHtml } from './html-page.ts'
import type { Arrow, Mark, SeqStep, Sequence } from './sequence.ts'

/** The violated property, shown on the step that violates it (the last, or the lasso's loop). */
export interface Violation {
  readonly name: string
  readonly kind?: string
}

export const ROW = 28
export const HEAD = 46
/** The step column's width: room for the longest label, within bounds (narrower with five
 * lifelines or more, which need the room more; a longer label is cut and shown whole on hover). */
export function stepColumnWidth(seq: Sequence): number {
  const longest = Math.max(0, ...seq.steps.map((s) => s.label.length))
  return Math.round(Math.min(Math.max(170, 70 + longest * 7), seq.nodes.length > 4 ? 215 : 300))
}
const PAD = 34
const GROUP_GAP = 22
const LABEL_FONT = 10.5
const CHAR_W = LABEL_FONT * 0.62
const LABEL_MAX = 24
const ALONG = [0.5, 0.32, 0.68, 0.2, 0.8, 0.42, 0.58, 0.12, 0.88]

export interface Box {
  readonly x1: number
  readonly y1: number
  readonly x2: number
  readonly y2: number
}
export const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2

/**
 * The room an arrow label takes when drawn centred on `cx` with its baseline at `cy`: its letters
 * and their halo (a 3 px stroke: 1.5 px all round). Chromium boxes the letters from 10 px above
 * the baseline to 2 px below it (DejaVu Sans Mono, measured; 3 px is left below for a deeper
 * descent). The box used to be 10 above to 3 below, without the halo, so that two labels 14 px
 * apart (one on each of two crossing arrows) had their halos over each other's letters. The
 * width (0.62 em a character and 4 px) exceeds the usual 0.6 em with room for the halo.
 */
export const labelBox = (cx: number, cy: number, text: string): Box => {
  const w = text.length * CHAR_W + 4
  return { x1: cx - w / 2, y1: cy - 12, x2: cx + w / 2, y2: cy + 4 }
}

/** Where a partition's or heal's label is drawn (from `lx`, above its line at `cy`, 11 px font). */
const bandLabelBox = (lx: number, text: string, cy: number): Box => ({ x1: lx + 2, y1: cy - 14, x2: lx + 2 + text.length * 11 * 0.62, y2: cy - 2 })
const bandText = (m: Mark): string => (m.kind === 'heal' ? 'healed' : `partition ${m.label}`)
/** Whether a step is drawn as a dot on its node's lifeline (a crash, restart or timeout is a mark). */
const hasDot = (s: SeqStep, xs: ReadonlyMap<string, number>): s is SeqStep & { node: string } =>
  s.node !== null && xs.has(s.node) && s.kind !== 'crash' && s.kind !== 'restart' && s.kind !== 'timeout'
const dotBox = (cx: number, cy: number): Box => ({ x1: cx - 6, y1: cy - 6, x2: cx + 6, y2: cy + 6 })
/** A node's mark (a crash's cross, a clock, a duplicate's "×2"). */
const markBox = (m: Mark, cx: number, cy: number): Box => ({ x1: cx - 10, y1: cy - 10, x2: cx + (m.kind === 'duplicate' ? 26 : 10), y2: cy + 10 })

export function sequenceDiagram(seq: Sequence, loopStart: number | undefined, violation?: Violation): string {
  const n = seq.steps.length
  const stepCol = stepColumnWidth(seq)
  // Sized so that 5 lifelines fit beside the state panel at 1280 px, and 7 at 1400 px.
  const col = seq.nodes.length > 5 ? 100 : seq.nodes.length > 4 ? 116 : 136
  const xs = new Map<string, number>()
  let at = PAD
  const groups: { name: string; caption: boolean; x1: number; x2: number }[] = []
  seq.roles.forEach((r, gi) => {
    if (gi > 0) at += GROUP_GAP
    const x1 = at
    for (const node of r.nodes) {
      xs.set(node, at + col / 2)
      at += col
    }
    groups.push({ name: r.name, caption: r.fromState, x1, x2: at })
  })
  const height = n * ROW + 10
  const x = (node: string): number => xs.get(node) ?? PAD
  const y = (step: number): number => step * ROW + ROW / 2
  const bottom = n * ROW
  const violating = violation === undefined || n === 0 ? null : n - 1
  const violationText = violation === undefined ? '' : `✕ ${violation.name} violated`
  const violationAt = violating === null ? null : violationBox(seq, xs, x, y, violating, violationText.length * 12 * 0.62)
  // Wide enough for the violated property's name where it had to move right.
  const width = Math.max(at + 16, violationAt === null ? 0 : Math.ceil(violationAt.x2) + 8)
  const parts: string[] = []
  /** Boxes of the labels and marks drawn so far; `bands`: the partition and heal lines, which
   * arrow labels avoid too (the violation's name is drawn over them). */
  const taken: Box[] = []
  const bands: Box[] = []

  parts.push(
    `<defs>` +
      marker('head', 'M0,0 L10,5 L0,10 z') +
      marker('head-dup', 'M0,0 L10,5 L0,10 z') +
      marker('head-open', 'M0,0 L10,5 L0,10') +
      marker('head-loop', 'M0,0 L10,5 L0,10 z') +
      `</defs>`,
  )
  for (const s of seq.steps) {
    const cls = `row-bg${s.index === violating ? ' violating' : ''}`
    parts.push(`<rect class="${cls}" data-step="${s.index}" x="0" y="${s.index * ROW}" width="${width}" height="${ROW}"/>`)
  }
  for (const g of groups) {
    if (groups.length > 1) parts.push(`<rect class="group-bg" x="${g.x1}" y="0" width="${g.x2 - g.x1}" height="${bottom}"/>`)
  }
  for (const node of seq.nodes) {
    parts.push(`<line class="lifeline" data-lifeline="${escapeHtml(node)}" x1="${x(node)}" y1="0" x2="${x(node)}" y2="${bottom}"/>`)
  }
  for (const d of seq.downs) {
    if (!xs.has(d.node)) continue
    parts.push(`<line class="down" data-down="${escapeHtml(d.node)}" x1="${x(d.node)}" y1="${y(d.from)}" x2="${x(d.node)}" y2="${d.to === null ? bottom : y(d.to)}"/>`)
  }
  // Partitions: a band from the partition to the heal (or the end); its label at the band's left.
  const lx = PAD - 10
  const rx = at - 4
  const bandLabel = (cls: string, text: string, step: number): string => {
    // The label, and the line itself: no arrow label is drawn across either.
    taken.push(bandLabelBox(lx, text, y(step)))
    bands.push({ x1: lx, y1: y(step) - 1.5, x2: rx, y2: y(step) + 1.5 })
    return `<text class="${cls} band-label" x="${lx + 2}" y="${y(step) - 4}">${escapeHtml(text)}</text>`
  }
  for (const m of seq.marks) {
    if (m.kind !== 'partition') continue
    const heal = seq.marks.find((h) => h.kind === 'heal' && h.step > m.step)
    const y2 = heal ? y(heal.step) : bottom
    parts.push(
      `<g data-mark="partition"><title>${escapeHtml(`partition ${m.label}`)}</title><rect class="partition-band" x="${lx}" y="${y(m.step)}" width="${Math.max(0, rx - lx)}" height="${y2 - y(m.step)}"/>` +
        `<line class="partition" x1="${lx}" y1="${y(m.step)}" x2="${rx}" y2="${y(m.step)}"/>${bandLabel('partition-label', bandText(m), m.step)}</g>`,
    )
  }
  for (const m of seq.marks) {
    if (m.kind === 'heal') {
      parts.push(`<g data-mark="heal"><line class="heal" x1="${lx}" y1="${y(m.step)}" x2="${rx}" y2="${y(m.step)}"/>${bandLabel('heal-label', bandText(m), m.step)}</g>`)
    }
  }
  if (violationAt !== null && violation) {
    // Reserved before any arrow label.
    taken.push(violationAt)
    parts.push(`<text class="viol-label" data-violation="${escapeHtml(violation.name)}" x="${round(violationAt.x1)}" y="${y(violating as number) + 4}">${escapeHtml(violationText)}</text>`)
  }
  for (const s of seq.steps) {
    if (hasDot(s, xs)) {
      parts.push(`<circle class="dot kind-${s.kind}" data-dot="${s.index}" cx="${x(s.node)}" cy="${y(s.index)}" r="4.5"/>`)
      // No arrow label over a step's dot (a label's halo hid the event it sat on).
      taken.push(dotBox(x(s.node), y(s.index)))
    }
  }
  for (const m of seq.marks) {
    if (m.node !== null && xs.has(m.node)) taken.push(markBox(m, x(m.node), y(m.step)))
  }
  const labels: string[] = []
  for (const a of seq.arrows) {
    const drawn = arrowSvg(a, x, y, taken, bands, width)
    parts.push(drawn.arrow)
    labels.push(drawn.label)
  }
  // Over every arrow: an arrow drawn after a label was drawn across its letters (the halo hides
  // only what lies under it). Arrows come in the order they end, so the long line of a message
  // lost to a crash, listed at the crash, crossed the labels of those delivered meanwhile.
  parts.push(...labels)
  for (const m of seq.marks) {
    if (m.node !== null && xs.has(m.node)) parts.push(nodeMarkSvg(m, x(m.node), y(m.step)))
  }
  if (loopStart !== undefined && n > 0) {
    const bx = 8
    const y1 = y(loopStart)
    const y2 = y(n - 1)
    parts.push(
      `<g data-loop="${loopStart}"><title>the loop: after the last step the run returns to step ${loopStart + 1}</title>` +
        `<path class="loop" d="M${bx + 12},${y2} H${bx} V${y1} H${bx + 12}" marker-end="url(#head-loop)"/></g>`,
    )
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="seq" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="message sequence diagram">${parts.join('')}</svg>`

  const heads = [
    ...groups.filter((g) => g.caption).map((g) => `<div class="role" style="left:${g.x1}px;width:${g.x2 - g.x1}px" title="${escapeHtml(`role: ${g.name}`)}">${escapeHtml(g.name)}</div>`),
    ...seq.nodes.map((node) => `<div class="lh" data-lifeline-head="${escapeHtml(node)}" style="left:${x(node) - col / 2}px;width:${col}px" title="${escapeHtml(node)}">${escapeHtml(node)}</div>`),
  ].join('')
  const rows = seq.steps
    .map((s) => {
      const v = s.index === violating && violation ? violation : null
      const cls = `row${loopStart === s.index ? ' loop-start' : ''}${v ? ' violating' : ''}`
      const tip = v ? `${s.label} — violates ${v.name}` : s.label
      const badge = v ? `<span class="viol">✕</span>` : ''
      return `<div class="${cls}" data-step="${s.index}" title="${escapeHtml(tip)}"><span class="num">${s.index + 1}</span><span class="label kind-${s.kind}">${escapeHtml(s.label)}</span>${badge}</div>`
    })
    .join('')
  return (
    `<div class="seq-grid" style="width:${stepCol + width}px">` +
    `<div class="seq-head" style="height:${HEAD}px"><div class="corner" style="width:${stepCol}px">step</div><div class="heads" style="width:${width}px">${heads}</div></div>` +
    `<div class="seq-body"><div class="steps-col" style="width:${stepCol}px">${rows}</div>${svg}</div>` +
    `</div>`
  )
}

const marker = (id: string, d: string): string =>
  `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="${d}" class="${id}"/></marker>`

/** An arrow's group, and its label apart (in a group of the same classes, with the same tooltip). */
function arrowSvg(a: Arrow, x: (n: string) => number, y: (s: number) => number, taken: Box[], bands: readonly Box[], width: number): { arrow: string; label: string } {
  const cls = `msg fate-${a.fate}${a.duplicate ? ' dup' : ''}`
  const head = a.duplicate ? 'url(#head-dup)' : a.fate === 'in-flight' ? 'url(#head-open)' : 'url(#head)'
  const x1 = x(a.from)
  const y1 = y(a.sendStep)
  const attrs = `data-arrow="" data-fate="${a.fate}" data-from="${escapeHtml(a.from)}" data-to="${escapeHtml(a.to ?? '')}" data-send="${a.sendStep}" data-end="${a.endStep ?? ''}"`
  const what =
    a.fate === 'call'
      ? `${a.label}: ${a.from} acts on ${a.to ?? '?'} at step ${a.sendStep + 1}`
      : `${a.label}: sent at step ${a.sendStep + 1}${a.endStep !== null ? `, ${a.fate} at step ${a.endStep + 1}` : ', still in flight'}${a.duplicate ? ' (a duplicate)' : ''}`
  const title = `<title>${escapeHtml(what)}</title>`
  const { x2, y2, self } = arrowEnds(a, x, y)
  const text = a.fate === 'in-flight' && a.to !== null ? `${shortLabel(a.label)} →${a.to}` : shortLabel(a.label)
  const shape = self
    ? `<path d="M${x1},${y1} C${x1 + 50},${y1} ${x1 + 50},${y2} ${x1 + 4},${y2}" marker-end="${head}"/>`
    : `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"${a.fate === 'dropped' ? '' : ` marker-end="${head}"`}/>` +
      // An invisible wider line, so that the tooltip does not need a pixel-exact hover.
      `<line class="hit" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`
  const drop = a.fate === 'dropped' ? `<text class="drop-x" x="${x2}" y="${y2 + 5}" text-anchor="middle">✕</text>` : ''
  const w = text.length * CHAR_W + 4
  const candidates: [number, number][] = self
    ? [[x1 + 40 + w / 2, (y1 + y2) / 2], [x1 + 40 + w / 2, y1 + 10], [x1 + 40 + w / 2, y2 - 10]]
    : a.fate === 'in-flight'
      ? inFlightSpots(x1, y1, x2, y2, w)
      : // Sitting on the line (the box's bottom on it), or hanging below it (the box's top on it).
        [-4, 12].flatMap((dy) => ALONG.map((t) => [x1 + (x2 - x1) * t, y1 + (y2 - y1) * t + dy] as [number, number]))
  let label = ''
  for (const [cx, cy] of candidates) {
    const mx = Math.min(Math.max(cx, w / 2 + 2), width - w / 2 - 2)
    const box = labelBox(mx, cy, text)
    if (taken.some((b) => overlaps(b, box)) || bands.some((b) => overlaps(b, box))) continue
    taken.push(box)
    label = `<g class="${cls}">${title}<text class="msg-label" x="${round(mx)}" y="${round(cy)}" text-anchor="middle">${escapeHtml(text)}</text></g>`
    break
  }
  return { arrow: `<g class="${cls}" ${attrs}${label ? '' : ' data-label="hidden"'}>${title}${shape}${drop}</g>`, label }
}

/**
 * Where the violated property's name (`w` wide) goes on the violating row: at the left (in view
 * whatever the horizontal scroll), moved right past whatever the row holds there — a partition's
 * or heal's label, the step's dot or mark, an arrow crossing the row — so that it hides none of
 * them (it was drawn over a first lifeline's dot, clock or call). Rows above and below cannot
 * reach its box. The diagram is widened to hold it where it moved past the last lifeline.
 */
function violationBox(seq: Sequence, xs: ReadonlyMap<string, number>, x: (n: string) => number, y: (s: number) => number, row: number, w: number): Box {
  const cy = y(row)
  const lx = PAD - 10
  const obstacles: Box[] = []
  for (const m of seq.marks) {
    if (m.step !== row) continue
    if (m.kind === 'partition' || m.kind === 'heal') obstacles.push(bandLabelBox(lx, bandText(m), cy))
    else if (m.node !== null && xs.has(m.node)) obstacles.push(markBox(m, x(m.node), cy))
  }
  const s = seq.steps[row]
  if (s !== undefined && hasDot(s, xs)) obstacles.push(dotBox(x(s.node), cy))
  let box = { x1: 24, y1: cy - 11, x2: 24 + w, y2: cy + 4 }
  // Arrows down to the text's descenders (a call's arrow runs 6 px under its row's middle).
  const band = { ...box, y2: cy + 8 }
  for (const a of seq.arrows) {
    const span = arrowSpan(a, x, y, band)
    if (span !== null) obstacles.push({ x1: span[0] - 4, y1: box.y1, x2: span[1] + 4, y2: box.y2 })
  }
  for (let hit = obstacles.find((b) => overlaps(b, box)); hit; hit = obstacles.find((b) => overlaps(b, box))) {
    box = { ...box, x1: hit.x2 + 8, x2: hit.x2 + 8 + w }
  }
  return box
}

/** Where an arrow is drawn: from its sender at its sending step to `(x2, y2)`; `self`: a message
 * a node sent itself, drawn as a curve to the right of its lifeline (at most 50 px). */
function arrowEnds(a: Arrow, x: (n: string) => number, y: (s: number) => number): { x1: number; y1: number; x2: number; y2: number; self: boolean } {
  const x1 = x(a.from)
  const y1 = y(a.sendStep)
  const self = a.to === a.from && a.fate === 'delivered'
  if (a.fate === 'in-flight') {
    // A stub: a third of the way (at most 60 px) towards the receiver, half a row down.
    const dx = a.to === null || a.to === a.from ? 30 : x(a.to) - x1
    return { x1, y1, x2: x1 + Math.sign(dx) * Math.min(60, Math.max(24, Math.abs(dx) / 3)), y2: y1 + ROW * 0.55, self }
  }
  if (a.fate === 'call') return { x1, y1, x2: x(a.to as string), y2: y1 + 6, self }
  if (a.to === null) return { x1, y1, x2: x1 + 44, y2: y1 + 10, self }
  const x2 = a.fate === 'dropped' ? (a.to === a.from ? x1 + 30 : (x1 + x(a.to)) / 2) : x(a.to)
  return { x1, y1, x2, y2: y(a.endStep as number), self }
}

/** The stretch `[lo, hi]` of x over which an arrow crosses the band `y1..y2`, or null. */
function arrowSpan(a: Arrow, x: (n: string) => number, y: (s: number) => number, band: Box): readonly [number, number] | null {
  const e = arrowEnds(a, x, y)
  if (e.self) return e.y2 < band.y1 || e.y1 > band.y2 ? null : [e.x1, e.x1 + 50]
  const top = Math.min(e.y1, e.y2)
  const low = Math.max(e.y1, e.y2)
  if (low < band.y1 || top > band.y2) return null
  // The segment clipped to the band (a level segment lies in it whole).
  const at = (yy: number): number => (e.y2 === e.y1 ? e.x1 : e.x1 + ((e.x2 - e.x1) * (yy - e.y1)) / (e.y2 - e.y1))
  const xa = at(Math.max(top, band.y1))
  const xb = e.y2 === e.y1 ? e.x2 : at(Math.min(low, band.y2))
  return [Math.min(xa, xb), Math.max(xa, xb)]
}

/** Where an in-flight stub's label may go: past its tip, under it, above its start, one label
 * lower (16 px: `labelBox`'s height, so that two stubs of one step stack), or on the sender's
 * other side. */
function inFlightSpots(x1: number, y1: number, x2: number, y2: number, w: number): [number, number][] {
  const dir = x2 >= x1 ? 1 : -1
  return [
    [x2 + dir * (w / 2 + 2), y2 + 4],
    [x2, y2 + 14],
    [(x1 + x2) / 2, y1 - 6],
    [x2 + dir * (w / 2 + 2), y2 + 20],
    [x1 - dir * (w / 2 + 8), y1 + 4],
    [x1 - dir * (w / 2 + 8), y1 + 20],
  ]
}

const round = (v: number): number => Math.round(v * 10) / 10

/** The message's type and payload, without the `from→to` (the arrow shows it). */
const shortLabel = (label: string): string => {
  const s = label.replace(/ \S+→\S+$/, '')
  return s.length > LABEL_MAX ? `${s.slice(0, LABEL_MAX - 1)}…` : s
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

const MONO = 'ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace'

export const SEQUENCE_CSS = `
.seq-grid { position:relative; }
.seq-head { position:sticky; top:0; z-index:3; display:flex; background:#fff; border-bottom:1px solid var(--line); }
.seq-head .corner { position:sticky; left:0; z-index:4; flex:0 0 auto; background:#fff; color:var(--muted); font-size:12px; padding:24px 0 0 10px; border-right:1px solid var(--line); }
.seq-head .heads { position:relative; flex:0 0 auto; }
.seq-head .role { position:absolute; top:3px; height:17px; font-size:11px; color:var(--muted); text-align:center; border-bottom:1px solid #c5ccd3; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.seq-head .lh { position:absolute; top:23px; font-weight:700; font-size:13px; text-align:center; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; padding:0 4px; }
.seq-body { display:flex; align-items:flex-start; }
.steps-col { position:sticky; left:0; z-index:2; flex:0 0 auto; background:#fff; border-right:1px solid var(--line); }
.steps-col .row { height:${ROW}px; display:flex; align-items:center; gap:8px; padding:0 8px 0 4px; cursor:pointer; white-space:nowrap; }
.steps-col .row:nth-child(odd) { background:#fafbfc; }
.steps-col .row:hover { background:#eef3f8; }
.steps-col .row.current { background:var(--cur); }
.steps-col .row.current .label { font-weight:700; }
.steps-col .row.violating { background:#fdecea; box-shadow:inset 3px 0 0 var(--bad); }
.steps-col .row.violating.current { background:#f9d6d2; }
.steps-col .num { flex:0 0 24px; text-align:right; color:var(--muted); font-size:12px; }
.steps-col .row.loop-start .num { color:#b04a9c; font-weight:700; }
.steps-col .label { flex:1 1 auto; min-width:0; overflow:hidden; text-overflow:ellipsis; font-family:${MONO}; font-size:11.5px; }
.steps-col .viol { flex:0 0 auto; overflow:hidden; text-overflow:ellipsis; color:#fff; background:var(--bad); border-radius:3px; padding:0 5px; font-size:11px; font-weight:700; }
.seq { display:block; flex:0 0 auto; }
.seq text { font-size:12px; fill:var(--fg); }
.seq .row-bg { fill:transparent; cursor:pointer; }
.seq .row-bg:nth-of-type(odd) { fill:#fafbfc; }
.seq .row-bg.current { fill:var(--cur); }
.seq .row-bg.violating { fill:#fdecea; }
.seq .group-bg { fill:rgba(11,98,214,0.025); stroke:#e4e8ec; stroke-width:1; pointer-events:none; }
.seq .lifeline { stroke:#9aa5b1; stroke-width:1.5; }
.seq .down { stroke:var(--bad); stroke-width:3; stroke-dasharray:4 4; }
.seq .dot { fill:var(--fg); }
.seq .dot.kind-deliver { fill:var(--accent); }
.seq .msg line, .seq .msg path { stroke:var(--accent); stroke-width:1.6; fill:none; }
.seq .msg:hover line, .seq .msg:hover path { stroke-width:3; }
.seq .msg.fate-dropped line { stroke:var(--bad); }
.seq .msg.fate-call line { stroke:#3a7d6b; }
.seq .msg.fate-in-flight line { stroke:#7b8794; stroke-dasharray:5 3; }
.seq .msg.dup line, .seq .msg.dup path { stroke:#8e44ad; stroke-dasharray:8 3 2 3; }
.seq .head { fill:var(--accent); }
.seq .head-dup { fill:#8e44ad; }
.seq .head-loop { fill:#b04a9c; }
.seq .head-open { fill:none; stroke:#7b8794; stroke-width:1.5; }
.seq .msg-label { font-family:${MONO}; font-size:${LABEL_FONT}px; fill:#33414e; paint-order:stroke; stroke:#fff; stroke-width:3px; }
.seq .msg.fate-in-flight .msg-label { fill:#5f6b76; }
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
.seq .band-label { font-family:${MONO}; font-size:11px; font-weight:600; paint-order:stroke; stroke:#fff; stroke-width:3px; }
.seq .partition-label { fill:var(--warn); }
.seq .heal { stroke:var(--good); stroke-width:2; stroke-dasharray:7 4; }
.seq .heal-label { fill:var(--good); }
.seq .viol-label { font-family:${MONO}; font-size:12px; font-weight:700; fill:var(--bad); paint-order:stroke; stroke:#fdecea; stroke-width:4px; }
.seq .loop { stroke:#b04a9c; stroke-width:2; fill:none; }
.seq .msg line.hit { stroke:transparent; stroke-width:9; stroke-dasharray:none; }
`
