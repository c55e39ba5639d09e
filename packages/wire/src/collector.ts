import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { LRUCache } from 'lru-cache'

/** A span as Zipkin's v2 JSON API carries it (what @opentelemetry/exporter-zipkin sends). */
export interface ZipkinSpan {
  traceId: string
  id: string
  parentId?: string
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER'
  name?: string
  /** Microseconds since the epoch. */
  timestamp?: number
  duration?: number
  localEndpoint?: { serviceName?: string }
  tags?: Record<string, string>
}

export interface WireCollector {
  /** Base URL of its Zipkin-compatible API: WIRE_COLLECTOR_URL for every service. */
  url: string
  /** The spans of one trace so far, in arrival order. */
  traceOf(traceId: string): ZipkinSpan[]
  stop(): Promise<void>
}

const TRACE_ID = /^[0-9a-f]{16}([0-9a-f]{16})?$/
const MAX_BODY_BYTES = 8 * 1024 * 1024

/**
 * The part of Zipkin's API the wire view needs, in this process, so the embedded mode shows the
 * wire with no extra infrastructure: services POST spans to /api/v2/spans (Zipkin v2 JSON) and
 * pages read a trace back from /api/v2/trace/<id>. In compose a real Zipkin server answers the
 * same two calls. Memory is bounded: past `maxSpans` the least recently touched traces go.
 */
export async function startWireCollector(
  options: { host?: string; port?: number; maxSpans?: number; unref?: boolean } = {},
): Promise<WireCollector> {
  const { host = '127.0.0.1', port = 0, maxSpans = 50_000 } = options
  const traces = new LRUCache<string, ZipkinSpan[]>({ maxSize: maxSpans, sizeCalculation: (spans) => spans.length })
  const store = (spans: ZipkinSpan[]) => {
    const byTrace = new Map<string, ZipkinSpan[]>()
    for (const span of spans) {
      if (typeof span?.traceId !== 'string' || typeof span.id !== 'string') continue
      const traceId = span.traceId.toLowerCase()
      byTrace.set(traceId, [...(byTrace.get(traceId) ?? []), span])
    }
    for (const [traceId, arrived] of byTrace) {
      // A new array each time: the cache weighs a trace when it is set, not when it grows.
      const known = [...(traces.get(traceId) ?? []), ...arrived]
      // A single runaway trace may not evict everything else.
      traces.set(traceId, known.slice(0, Math.max(1, Math.floor(maxSpans / 10))))
    }
  }
  const server = createServer((request, response) => {
    handle(request, response, store, traces).catch(() => respond(response, 500, { error: 'collector failed' }))
  })
  server.listen(port, host)
  await once(server, 'listening')
  // A collector shared by a whole process must not be what keeps it alive.
  if (options.unref) server.unref()
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('wire collector has no TCP address')
  return {
    url: `http://${host}:${address.port}`,
    traceOf: (traceId) => [...(traces.peek(traceId.toLowerCase()) ?? [])],
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  store: (spans: ZipkinSpan[]) => void,
  traces: LRUCache<string, ZipkinSpan[]>,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://collector').pathname
  if (request.method === 'POST' && path === '/api/v2/spans') {
    const body = await readBody(request)
    if (body === undefined) return respond(response, 413, { error: `body over ${MAX_BODY_BYTES} bytes` })
    let spans: unknown
    try {
      spans = JSON.parse(body)
    } catch {
      return respond(response, 400, { error: 'body is not JSON' })
    }
    if (!Array.isArray(spans)) return respond(response, 400, { error: 'expected a JSON array of spans' })
    store(spans as ZipkinSpan[])
    return respond(response, 202)
  }
  if (request.method === 'GET' && path.startsWith('/api/v2/trace/')) {
    const traceId = path.slice('/api/v2/trace/'.length).toLowerCase()
    if (!TRACE_ID.test(traceId)) return respond(response, 400, { error: 'a trace id is 16 or 32 hex digits' })
    const spans = traces.get(traceId)
    return spans ? respond(response, 200, spans) : respond(response, 404, { error: `trace ${traceId} not found` })
  }
  if (request.method === 'GET' && path === '/health') return respond(response, 200, { status: 'UP' })
  respond(response, 404, { error: `no such route: ${request.method} ${path}` })
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function respond(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) return void response.writeHead(status).end()
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}
