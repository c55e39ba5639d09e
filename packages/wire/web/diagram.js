/**
 * The sequence diagram as DOM: lane heads, one focusable row per hop (an arrow between two lanes
 * with its label), and the details box of the chosen hop. Layout comes from layout.js; every
 * text from a span goes in as textContent (dom.js).
 */
import { el, srOnly } from './dom.js'
import { formatBytes, formatMs, PROTOCOLS, readPayload, serviceOf } from './layout.js'

/** @typedef {import('./layout.js').Diagram} Diagram @typedef {import('./layout.js').Hop} Hop */

/** A protocol as a learner reads it: the badge's text (the colour only repeats it). */
export const BADGE = {
  ws: 'WS',
  http: 'HTTP',
  grpc: 'gRPC',
  kafka: 'Kafka',
  redis: 'Redis',
  mqtt: 'MQTT',
  sql: 'SQL',
  udp: 'UDP',
  tcp: 'TCP',
}

const KIND = {
  CLIENT: 'client: sent a request and waited for the answer',
  SERVER: 'server: received a request',
  PRODUCER: 'producer: sent a message',
  CONSUMER: 'consumer: received a message',
}

/** @param {string} protocol */
export function badge(protocol) {
  const known = PROTOCOLS.includes(protocol)
  const text = known ? BADGE[/** @type {keyof BADGE} */ (protocol)] : protocol || '?'
  return el('span', `wire-badge ${known ? `wire-p-${protocol}` : 'wire-p-other'}`, text)
}

/**
 * @param {Diagram} diagram
 * @param {{ selected: string | undefined, detailsId: string, onSelect: (key: string) => void }} options
 */
export function renderDiagram({ lanes, hops }, { selected, detailsId, onSelect }) {
  const track = el('div', 'wire-track')
  track.style.setProperty('--lanes', String(lanes.length))
  const heads = el('div', 'wire-lanes', [el('span', 'wire-lanes__time', 'since start')])
  lanes.forEach((lane, index) => {
    const head = el('span', `wire-lane wire-lane--${lane.kind}`, lane.name)
    head.style.gridColumn = String(index + 2)
    heads.append(head)
  })
  const rows = el('ol', 'wire-rows')
  for (const hop of hops) {
    const row = renderRow(
      hop,
      lanes.map((lane) => lane.name),
      lanes.length,
    )
    row.setAttribute('aria-controls', detailsId)
    row.setAttribute('aria-expanded', String(hop.key === selected))
    row.addEventListener('click', () => onSelect(hop.key))
    rows.append(el('li', 'wire-rows__item', [row]))
  }
  track.append(heads, rows)
  return track
}

/**
 * @param {Hop} hop
 * @param {string[]} names lane names
 * @param {number} laneCount
 */
function renderRow(hop, names, laneCount) {
  const left = Math.min(hop.from, hop.to)
  const right = Math.max(hop.from, hop.to)
  const known = PROTOCOLS.includes(hop.protocol)
  const row = el('button', `wire-row ${known ? `wire-p-${hop.protocol}` : 'wire-p-other'}`)
  row.type = 'button'
  row.dataset.wireKey = `hop:${hop.key}`
  if (hop.error !== undefined) row.classList.add('wire-row--failed')

  const details = [
    hop.facts.length > 0 && el('span', 'wire-row__facts', hop.facts.join(' · ')),
    hop.bytes !== undefined && el('span', 'wire-row__size', formatBytes(hop.bytes)),
    hop.duration !== undefined && el('span', 'wire-row__took', `took ${formatMs(hop.duration)}`),
  ]
  const failed =
    hop.error !== undefined &&
    el('span', 'wire-row__failed', [el('span', 'wire-row__icon', '✕'), ` failed: ${hop.error}`])
  const direction = hop.from === hop.to ? `within ${names[hop.from]}` : `from ${names[hop.from]} to ${names[hop.to]}`
  const label = el('span', 'wire-row__label', [
    badge(hop.protocol),
    el('span', 'wire-row__name', hop.name),
    srOnly(`, ${direction}${hop.shape === 'call' ? ', a call' : ''}. `),
    ...details,
    failed,
  ])
  // The label starts above the arrow's left end and may use the room to its right.
  const labelLane = left === laneCount - 1 ? 0 : left
  label.style.gridColumn = `${labelLane + 2} / -1`
  label.style.setProperty('--span', String(laneCount - labelLane))

  const arrow = el('span', `wire-arrow wire-arrow--${hop.shape}`)
  arrow.setAttribute('aria-hidden', 'true')
  if (hop.from === hop.to) arrow.classList.add('wire-arrow--self')
  else arrow.classList.add(hop.to > hop.from ? 'wire-arrow--right' : 'wire-arrow--left')
  arrow.style.gridColumn = `${left + 2} / ${right + 3}`
  arrow.style.setProperty('--span', String(right - left + 1))

  row.append(el('span', 'wire-row__time', `+${formatMs(hop.at)}`), label, arrow)
  return row
}

/**
 * Every tag of the hop's spans, and each payload pretty-printed when it is JSON.
 * @param {Hop} hop
 * @param {string[]} names lane names
 * @param {string} headingId
 */
export function renderDetails(hop, names, headingId) {
  const heading = el('h3', 'wire-details__title', [
    badge(hop.protocol),
    ` ${hop.name}: ${names[hop.from]} → ${names[hop.to]}`,
  ])
  heading.id = headingId
  /** @type {HTMLElement[]} */
  const parts = [heading]
  if (hop.error !== undefined)
    parts.push(el('p', 'wire-details__failed', [el('span', 'wire-row__icon', '✕'), ` failed: ${hop.error}`]))
  for (const span of hop.spans) {
    const kind = span.kind ? KIND[span.kind] : 'span'
    parts.push(el('h4', 'wire-details__span', `${serviceOf(span)} · ${kind}`))
    const rows = [
      ['span id', span.id],
      ['parent span id', span.parentId ?? '(none: the page started the trace)'],
      ['span name', span.name ?? ''],
      ['took', formatMs(span.duration === undefined ? undefined : span.duration / 1000)],
    ]
    const tags = Object.entries(span.tags ?? {}).filter(([key]) => key !== 'wire.payload')
    tags.sort(([a], [b]) => (a < b ? -1 : 1))
    parts.push(
      el(
        'dl',
        'wire-tags',
        [...rows, ...tags].flatMap(([key, value]) => [el('dt', '', key), el('dd', '', value)]),
      ),
    )
    const payload = span.tags?.['wire.payload']
    if (payload !== undefined) parts.push(...renderPayload(payload))
  }
  return parts
}

/** @param {string} text */
function renderPayload(text) {
  const payload = readPayload(text)
  const note = payload.json
    ? 'Payload (JSON):'
    : payload.cut
      ? 'Payload (cut: only its start was kept, so it is shown as text):'
      : 'Payload (not JSON, shown as text):'
  return [el('p', 'wire-details__note', note), el('pre', 'wire-payload', payload.text)]
}
