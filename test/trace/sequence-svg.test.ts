import { describe, expect, it } from 'vitest'
import type { AnySpec } from '../../src/core/spec.ts'
import { sequenceOf } from '../../src/trace/sequence.ts'
import { labelBox, overlaps, sequenceDiagram } from '../../src/trace/sequence-svg.ts'
import { cluster } from './fixtures/cluster.ts'
import { CROWDED, counterexample } from './fixtures/counterexample.ts'
import echo from './fixtures/echo.ts'
import { walk } from './fixtures/walk.ts'

const attr = (html: string, sel: RegExp): string[] => [...html.matchAll(sel)].map((m) => m[1] as string)
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

describe('sequence diagram drawing', () => {
  it('moves the violated property name clear of a heal label on the same row', () => {
    const t = walk(echo as AnySpec, ['Send(client)', 'Partition({client}|{server})', 'Heal'], { retries: 2 })
    const html = sequenceDiagram(sequenceOf(t), undefined, { name: 'P' })
    expect(html).toContain('class="heal-label band-label" x="26"')
    const x = Number(attr(html, /class="viol-label" data-violation="P" x="([\d.]+)"/g)[0])
    expect(x).toBeGreaterThan(26 + 'healed'.length * 11 * 0.62)
  })

  it("moves the violated property name clear of the violating step's own dot or mark (it was drawn over a first lifeline's)", () => {
    // The violating step on the first lifeline: a timeout (a clock mark), then a delivery (a dot).
    for (const [labels, half] of [
      [['Send(client)', 'Drop(Req(1) client→server)', 'Timeout(client)'], 10],
      [['Send(client)', 'Deliver(Req(1) client→server)', 'Deliver(Ack(1) server→client)'], 6],
    ] as const) {
      const html = sequenceDiagram(sequenceOf(walk(echo as AnySpec, labels, { retries: 2 })), undefined, { name: 'AllDone' })
      const cx = Number(attr(html, /data-lifeline="client" x1="([\d.]+)"/g)[0])
      const x1 = Number(attr(html, /class="viol-label" data-violation="AllDone" x="([\d.]+)"/g)[0])
      const x2 = x1 + '✕ AllDone violated'.length * 12 * 0.62
      expect(x2 <= cx - half || x1 >= cx + half, `label ${x1}..${x2} over the event at ${cx}`).toBe(true)
    }
    // Nor over the violating step's own arrow: an RPC-style call across its row, p1 acting on a1.
    const steps = [
      { action: null, state: { nodes: { p1: 0, a1: 0 } } },
      { action: { name: 'Prepare', node: 'p1', to: 'a1' }, state: { nodes: { p1: 1, a1: 1 } } },
    ]
    const call = sequenceDiagram(sequenceOf({ steps } as never), undefined, { name: 'AllDone' })
    expect(attr(call, /data-fate="(call)"/g)).toEqual(['call'])
    const a1 = Number(attr(call, /data-lifeline="a1" x1="([\d.]+)"/g)[0])
    expect(Number(attr(call, /class="viol-label" data-violation="AllDone" x="([\d.]+)"/g)[0])).toBeGreaterThan(a1)
  })

  it('leaves out a label with no free spot instead of drawing it over another', () => {
    // Twelve messages sent together and delivered together: one line, too short for all their labels.
    const msgs = Array.from({ length: 12 }, (_, i) => ({ from: 'a1', to: 'b1', type: 'M', n: i }))
    const net = (inFlight: readonly unknown[]) => ({ semantics: 'bag', inFlight, partition: null, down: [], spent: { drop: 0, duplicate: 0, partition: 0, crash: 0 } })
    const steps = [
      { action: null, state: { net: net([]) } },
      { action: { name: 'Send', node: 'a1' }, state: { net: net(msgs) } },
      { action: { name: 'DeliverAll', node: 'b1' }, state: { net: net([]) } },
    ]
    const html = sequenceDiagram(sequenceOf({ steps } as never), undefined)
    expect(attr(html, /data-arrow="" data-fate="(delivered)"/g).length).toBe(12)
    const hidden = attr(html, /(data-label="hidden")/g).length
    expect(hidden).toBeGreaterThan(0)
    expect(attr(html, /class="(msg-label)"/g).length).toBe(12 - hidden)
  })

  it('places no two arrow labels where their boxes, halo included, meet, and draws them over every arrow', async () => {
    for (const { spec, property } of CROWDED) {
      const trace = await counterexample(spec, property)
      const html = sequenceDiagram(sequenceOf(trace), trace.loopStart, { name: property })
      const labels = [...html.matchAll(/<text class="msg-label" x="([\d.-]+)" y="([\d.-]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
        text: unescape(m[3] as string),
        box: labelBox(Number(m[1]), Number(m[2]), unescape(m[3] as string)),
      }))
      expect(labels.length, spec.name).toBeGreaterThan(2)
      // Less a tenth of a pixel all round: x and y are written rounded to 0.1.
      const inner = labels.map((l) => ({ ...l, box: { x1: l.box.x1 + 0.1, y1: l.box.y1 + 0.1, x2: l.box.x2 - 0.1, y2: l.box.y2 - 0.1 } }))
      const met = inner.flatMap((a, i) => inner.slice(i + 1).flatMap((b) => (overlaps(a.box, b.box) ? [`${a.text} / ${b.text}`] : [])))
      expect(met, spec.name).toEqual([])
      // Every label after the last arrow (an arrow drawn later was drawn across the letters).
      expect(html.indexOf('class="msg-label"'), spec.name).toBeGreaterThan(html.lastIndexOf('data-arrow='))
    }
  })

  it('draws lifelines role by role with the role caption over its group', () => {
    const html = sequenceDiagram(sequenceOf(cluster(2, 5, 20)), undefined)
    expect(attr(html, /data-lifeline-head="([^"]+)"/g)).toEqual(['c1', 'c2', 'r1', 'r2', 'r3', 'r4', 'r5'])
    expect(attr(html, /class="role"[^>]*>([^<]+)</g)).toEqual(['clients', 'replicas'])
    // Roles read from id prefixes (echo's client and server) get no caption.
    const echoHtml = sequenceDiagram(sequenceOf(walk(echo as AnySpec, ['Send(client)'], { retries: 2 })), undefined)
    expect(attr(echoHtml, /data-lifeline-head="([^"]+)"/g)).toEqual(['client', 'server'])
    expect(attr(echoHtml, /class="(role)"/g)).toEqual([])
  })
})
