/**
 * Zipkin spans → the rows and lanes of a sequence diagram. Pure functions: no DOM, so the same
 * module runs in the page and in a node unit test. Tag names: packages/wire/src/vocabulary.ts.
 *
 * @typedef {'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER'} SpanKind
 * @typedef {object} ZipkinSpan
 * @property {string} traceId
 * @property {string} id
 * @property {string} [parentId]
 * @property {SpanKind} [kind]
 * @property {string} [name]
 * @property {number} [timestamp] µs since the epoch
 * @property {number} [duration] µs
 * @property {{ serviceName?: string }} [localEndpoint]
 * @property {Record<string, string>} [tags]
 *
 * @typedef {object} Lane
 * @property {string} name
 * @property {'browser' | 'service' | 'peer' | 'infra'} kind peer: a service that is named by a caller but sent no span
 *
 * @typedef {object} Hop One row of the diagram: one arrow between two lanes.
 * @property {string} key the id of the span the row is drawn from: stable while more spans arrive
 * @property {number} from lane index
 * @property {number} to lane index (equal to from for a hop that stays in its lane)
 * @property {'call' | 'message'} shape call: the sender waited for an answer; message: one way
 * @property {string} protocol the `wire.protocol` tag ('' when missing)
 * @property {string} name
 * @property {string[]} facts the protocol's key details, e.g. 'partition 1', 'offset 42'
 * @property {number | undefined} bytes
 * @property {number} at ms since the trace's first span
 * @property {number | undefined} duration ms
 * @property {string | undefined} error why the hop failed; undefined when it did not
 * @property {ZipkinSpan[]} spans the spans drawn as this row, the caller's first
 *
 * @typedef {{ lanes: Lane[], hops: Hop[] }} Diagram
 */

export const PROTOCOLS = ['ws', 'http', 'grpc', 'kafka', 'redis', 'mqtt', 'sql', 'udp', 'tcp']

/** Infrastructure lanes, in the order they are drawn on the right: `wire.peer` → lane name. */
const INFRA = { kafka: 'Kafka', redis: 'Redis', postgres: 'PostgreSQL', mqtt: 'MQTT broker' }
/** The peer a hop without a `wire.peer` tag most likely had. */
const PEER_OF_PROTOCOL = {
  kafka: 'kafka',
  redis: 'redis',
  sql: 'postgres',
  mqtt: 'mqtt',
  ws: 'browser',
  http: 'browser',
  // A game's own sockets: a Node client (a bot) speaks raw UDP and TCP, a browser cannot.
  udp: 'game client',
  tcp: 'game client',
}
export const BROWSER = 'Browser'

/** gRPC status codes by number, as grpc-js names them. */
const GRPC_STATUS = (
  'OK CANCELLED UNKNOWN INVALID_ARGUMENT DEADLINE_EXCEEDED NOT_FOUND ALREADY_EXISTS PERMISSION_DENIED ' +
  'RESOURCE_EXHAUSTED FAILED_PRECONDITION ABORTED OUT_OF_RANGE UNIMPLEMENTED INTERNAL UNAVAILABLE DATA_LOSS UNAUTHENTICATED'
).split(' ')

/**
 * @param {ZipkinSpan[]} input the spans of one trace, in any order
 * @returns {Diagram}
 */
export function layoutTrace(input) {
  const spans = distinct(input)
  const byId = new Map(spans.map((span) => [span.id, span]))
  const hopSpans = spans.filter((span) => span.kind).sort(byTime(byId))
  const startedAt = Math.min(...spans.map((span) => span.timestamp ?? Number.POSITIVE_INFINITY))

  // A call between two services is one arrow: the client span and the server span it caused.
  /** @type {Map<string, ZipkinSpan[]>} */
  const serversOf = new Map()
  for (const span of hopSpans) {
    const parent = span.parentId === undefined ? undefined : byId.get(span.parentId)
    if (span.kind === 'SERVER' && parent?.kind === 'CLIENT')
      serversOf.set(parent.id, [...(serversOf.get(parent.id) ?? []), span])
  }
  const services = [...new Set(hopSpans.map(serviceOf))]

  /** @type {Array<{ key: string, from: string, to: string, shape: 'call' | 'message', spans: ZipkinSpan[] }>} */
  const drawn = []
  /** @param {string} from @param {string} to @param {'call' | 'message'} shape @param {ZipkinSpan} span */
  const draw = (from, to, shape, span) => drawn.push({ key: span.id, from, to, shape, spans: [span] })
  for (const span of hopSpans) {
    const service = serviceOf(span)
    const peer = peerLane(span)
    const servers = serversOf.get(span.id) ?? []
    if (span.kind === 'CLIENT' && servers.length > 0) {
      // Drawn at the caller's time, labelled from the caller; a retried call may reach several servers.
      for (const server of servers) {
        const key = servers.length === 1 ? span.id : server.id
        drawn.push({ key, from: service, to: serviceOf(server), shape: 'call', spans: [span, server] })
      }
    } else if (span.kind === 'CLIENT') draw(service, peer, 'call', span)
    else if (span.kind === 'SERVER' && byId.get(span.parentId ?? '')?.kind === 'CLIENT') continue
    else if (span.kind === 'SERVER')
      draw(peer, service, tagsOf(span)['wire.protocol'] === 'http' ? 'call' : 'message', span)
    else if (span.kind === 'PRODUCER') draw(service, peer, 'message', span)
    else if (span.kind === 'CONSUMER') draw(peer, service, 'message', span)
  }

  const lanes = lanesOf(drawn, services)
  const index = new Map(lanes.map((lane, i) => [lane.name, i]))
  /** @param {string} name */
  const laneOf = (name) => /** @type {number} */ (index.get(name))
  const hops = drawn.map(({ key, from, to, shape, spans }) =>
    hopOf(key, spans, laneOf(from), laneOf(to), shape, startedAt),
  )
  return { lanes, hops }
}

/**
 * @param {string} key
 * @param {ZipkinSpan[]} spans the caller's first: its timing is the row's
 * @param {number} from
 * @param {number} to
 * @param {'call' | 'message'} shape
 * @param {number} startedAt µs
 * @returns {Hop}
 */
function hopOf(key, spans, from, to, shape, startedAt) {
  const lead = /** @type {ZipkinSpan} */ (spans[0])
  // The caller's tags win: its status is what the caller saw, its deadline is the one it set.
  const tags = Object.assign({}, ...spans.map(tagsOf).reverse())
  const protocol = tags['wire.protocol'] ?? ''
  const bytes = Number.parseInt(tags['wire.bytes'] ?? '', 10)
  const failure = spans.map(errorOf).find((error) => error !== undefined)
  return {
    key,
    from,
    to,
    shape,
    protocol,
    name: tags['wire.name'] ?? lead.name ?? '',
    facts: factsOf(protocol, tags),
    bytes: Number.isFinite(bytes) ? bytes : undefined,
    at: lead.timestamp === undefined ? 0 : (lead.timestamp - startedAt) / 1000,
    duration: lead.duration === undefined ? undefined : lead.duration / 1000,
    error: failure,
    spans,
  }
}

/**
 * The details a learner reads on the arrow, per protocol.
 * @param {string} protocol
 * @param {Record<string, string>} tags
 * @returns {string[]}
 */
export function factsOf(protocol, tags) {
  const facts = []
  const name = tags['wire.name']
  const topic = tags['messaging.destination.name']
  if (topic !== undefined && topic !== name) facts.push(`topic ${topic}`)
  if (protocol === 'grpc') {
    const code = tags['rpc.grpc.status_code']
    if (code !== undefined)
      facts.push(code === '0' ? 'status OK' : `status ${GRPC_STATUS[Number(code)] ?? 'code'} (${code})`)
    if (tags['wire.grpc.deadline_ms'] !== undefined) facts.push(`deadline ${tags['wire.grpc.deadline_ms']} ms`)
  } else if (protocol === 'http') {
    const request = [tags['http.request.method'], tags['http.route']].filter(Boolean).join(' ')
    if (request && request !== name) facts.push(request)
    if (tags['http.response.status_code'] !== undefined) facts.push(`status ${tags['http.response.status_code']}`)
  } else if (protocol === 'kafka') {
    const partition = tags['messaging.kafka.destination.partition']
    if (partition !== undefined) facts.push(`partition ${partition}`)
    if (tags['messaging.kafka.offset'] !== undefined) facts.push(`offset ${tags['messaging.kafka.offset']}`)
    if (tags['messaging.kafka.message.key'] !== undefined) facts.push(`key ${tags['messaging.kafka.message.key']}`)
  } else if (protocol === 'mqtt') {
    if (tags['messaging.mqtt.qos'] !== undefined) facts.push(`QoS ${tags['messaging.mqtt.qos']}`)
  } else if (protocol === 'redis') {
    const command = tags['db.query.text']
    if (command !== undefined && command !== name) facts.push(shorten(command))
    const receivers = tags['wire.redis.receivers']
    if (receivers !== undefined) facts.push(`${receivers} ${receivers === '1' ? 'receiver' : 'receivers'}`)
  } else if (protocol === 'sql') {
    const statement = tags['db.query.text']
    if (statement !== undefined && statement !== name) facts.push(shorten(statement))
  } else if (protocol === 'ws') {
    if (tags['wire.ws.recipient'] !== undefined) facts.push(`to ${tags['wire.ws.recipient']}`)
  }
  if (tags['messaging.consumer.group.name'] !== undefined) facts.push(`group ${tags['messaging.consumer.group.name']}`)
  return facts
}

/**
 * A `wire.payload` as the details box shows it: pretty JSON when it parses, else the text as is.
 * @param {string} text
 * @returns {{ text: string, json: boolean, cut: boolean }}
 */
export function readPayload(text) {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), json: true, cut: false }
  } catch {
    // previewOf (src/payload.ts) cuts long payloads and marks the cut with an ellipsis.
    return { text, json: false, cut: text.endsWith('…') }
  }
}

/** @param {number | undefined} ms */
export function formatMs(ms) {
  if (ms === undefined || !Number.isFinite(ms)) return ''
  if (ms > 0 && ms < 0.05) return '<0.1 ms'
  if (ms < 10) return `${ms.toFixed(1)} ms`
  if (ms < 10_000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(1)} s`
}

/** @param {number | undefined} bytes */
export function formatBytes(bytes) {
  if (bytes === undefined) return ''
  if (bytes < 1000) return `${bytes} B`
  return `${(bytes / 1000).toFixed(1)} kB`
}

/** @param {ZipkinSpan} span */
export const serviceOf = (span) => span.localEndpoint?.serviceName ?? span.tags?.['service.name'] ?? 'unknown service'

/** @param {ZipkinSpan} span @returns {Record<string, string>} */
const tagsOf = (span) => span.tags ?? {}

/** @param {ZipkinSpan} span */
function errorOf(span) {
  const tags = tagsOf(span)
  if (tags['otel.status_code'] !== 'ERROR' && tags.error === undefined) return undefined
  return tags.error || 'failed'
}

/**
 * The lane on the other side of a hop: the browser, a service, a broker or database, or (for a
 * call whose server never answered) the peer the caller named.
 * @param {ZipkinSpan} span
 */
function peerLane(span) {
  const tags = tagsOf(span)
  const peer = tags['wire.peer'] ?? PEER_OF_PROTOCOL[/** @type {keyof PEER_OF_PROTOCOL} */ (tags['wire.protocol'])]
  if (peer === undefined) return 'unknown'
  if (peer === 'browser') return BROWSER
  return INFRA[/** @type {keyof INFRA} */ (peer)] ?? peer
}

/**
 * Browser on the left, then services in order of first appearance, then peers that sent no span,
 * then the infrastructure in a fixed order.
 * @param {Array<{ from: string, to: string }>} drawn
 * @param {string[]} services
 * @returns {Lane[]}
 */
function lanesOf(drawn, services) {
  const used = new Set(drawn.flatMap(({ from, to }) => [from, to]))
  const infra = Object.values(INFRA)
  const peers = [...used].filter((name) => name !== BROWSER && !services.includes(name) && !infra.includes(name))
  /** @type {(kind: Lane['kind']) => (name: string) => Lane} */
  const lane = (kind) => (name) => ({ name, kind })
  return [
    lane('browser')(BROWSER),
    ...services.filter((name) => name !== BROWSER).map(lane('service')),
    ...peers.map(lane('peer')),
    ...infra.filter((name) => used.has(name)).map(lane('infra')),
  ]
}

/**
 * By start time; at the same microsecond a parent before its child (the collector returns spans
 * in the order they ended, children first).
 * @param {Map<string, ZipkinSpan>} byId
 */
function byTime(byId) {
  /** @param {ZipkinSpan} span */
  const depth = (span) => {
    let depth = 0
    for (let at = span; at.parentId !== undefined && depth < 64; depth++) {
      const parent = byId.get(at.parentId)
      if (!parent) break
      at = parent
    }
    return depth
  }
  /** @param {ZipkinSpan} a @param {ZipkinSpan} b */
  return (a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0) || depth(a) - depth(b)
}

/** One span per id and kind, the last one sent winning (a collector may hold a span twice). @param {ZipkinSpan[]} spans */
function distinct(spans) {
  const seen = new Map()
  for (const span of spans) {
    if (span && typeof span.id === 'string') seen.set(`${span.id}/${span.kind ?? ''}`, span)
  }
  return [...seen.values()]
}

/** @param {string} text */
const shorten = (text) => (text.length > 80 ? `${text.slice(0, 79)}…` : text)
