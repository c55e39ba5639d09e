import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { fileURLToPath } from 'node:url'

const WEB_DIR = fileURLToPath(new URL('../web/', import.meta.url))
const TRACE_ID = /^[0-9a-f]{32}$/
/** The panel's own modules and stylesheet: plain names only, so no path leaves web/. */
const ASSET = /^\/wire\/([a-z][a-z-]*\.(js|css))$/

export interface WireAnswer {
  status: number
  contentType: string
  body: string
}

/**
 * What a scenario page needs for its wire panel, from the page's own origin (no CORS, nothing
 * else published): the panel's script and stylesheet, and `/wire/traces/<trace id>`, read from
 * the collector (the in-process one, or Zipkin in compose). A trace is found only by its id,
 * 128 random bits the page itself made: a page sees the traces of what it did, no others.
 * Returns undefined for paths that are not the wire panel's.
 */
export async function answerWireRequest(
  path: string,
  collectorUrl: string | undefined,
): Promise<WireAnswer | undefined> {
  const file = ASSET.exec(path)
  if (file) return asset(file[1]!, file[2] === 'js' ? 'text/javascript' : 'text/css')
  if (!path.startsWith('/wire/traces/')) return undefined
  const traceId = path.slice('/wire/traces/'.length)
  if (!TRACE_ID.test(traceId))
    return json(400, { errors: [{ code: 'INVALID_ARGUMENT', message: 'a trace id is 32 lowercase hex digits' }] })
  if (!collectorUrl)
    return json(404, { errors: [{ code: 'NOT_FOUND', message: 'tracing is off (no WIRE_COLLECTOR_URL)' }] })
  try {
    const answer = await fetch(new URL(`/api/v2/trace/${traceId}`, collectorUrl), {
      signal: AbortSignal.timeout(2_000),
    })
    // Zipkin says 404 until a trace's first span arrives; to the page that is "no hops yet", not
    // an error (a browser logs every 404 it fetches to the console).
    if (answer.status === 404) return json(200, [])
    if (!answer.ok)
      return json(502, { errors: [{ code: 'UNAVAILABLE', message: `collector answered ${answer.status}` }] })
    return { status: 200, contentType: 'application/json', body: await answer.text() }
  } catch (error) {
    return json(502, {
      errors: [{ code: 'UNAVAILABLE', message: `collector unreachable: ${(error as Error).message}` }],
    })
  }
}

/** The same, as a node:http handler step: true when it answered. */
export async function serveWireRequest(
  request: IncomingMessage,
  response: ServerResponse,
  collectorUrl: string | undefined,
): Promise<boolean> {
  if (request.method !== 'GET') return false
  const path = new URL(request.url ?? '/', 'http://page').pathname
  const answer = await answerWireRequest(path, collectorUrl)
  if (!answer) return false
  response
    .writeHead(answer.status, {
      'content-type': `${answer.contentType}; charset=utf-8`,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    })
    .end(answer.body)
  return true
}

async function asset(file: string, contentType: string): Promise<WireAnswer | undefined> {
  try {
    return { status: 200, contentType, body: await readFile(`${WEB_DIR}${file}`, 'utf8') }
  } catch {
    return json(404, { errors: [{ code: 'NOT_FOUND', message: `no such wire panel file: ${file}` }] })
  }
}

const json = (status: number, body: unknown): WireAnswer => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
})
