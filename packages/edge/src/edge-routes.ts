/**
 * An edge's routes over HTTP/2 + TLS: GET/HEAD of a media path from the cache (filled from the
 * origin), with `x-cache: HIT|MISS` and `age`; ranges are cut from the cached whole object, so
 * a Range request never reaches the origin. GET /stats reports the hit ratio, /healthz is up.
 * `keyOf` is the scenario's path rule: it maps a request path to the origin's path, or refuses
 * it (a traversal attempt is refused at the edge and never costs the origin a request).
 */
import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2'
import type { EdgeCache } from './edge-cache'
import { sendBytes, sendError, sendJson, sendPreflight } from './h2-answers'
import { parseRange } from './range'

export interface EdgeRouteOptions {
  keyOf(path: string): string | undefined
  /** The answer to a path `keyOf` refuses: Netflix says 400, Twitch 404. */
  invalidPath: { status: 400 | 404; code: string; message: string }
}

export function edgeRoutes(cache: EdgeCache, options: EdgeRouteOptions) {
  const refuse = (stream: ServerHttp2Stream) =>
    sendError(stream, options.invalidPath.status, options.invalidPath.code, options.invalidPath.message)
  return async (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    const method = headers[':method']
    let path: string
    try {
      path = decodeURIComponent(String(headers[':path'] ?? '/').split('?')[0]!)
    } catch {
      return refuse(stream)
    }
    if (path === '/healthz') return sendJson(stream, { status: 'ok' })
    if (path === '/stats') return sendJson(stream, cache.stats())
    if (method === 'OPTIONS') return sendPreflight(stream)
    if (method !== 'GET' && method !== 'HEAD') return sendError(stream, 405, 'METHOD_NOT_ALLOWED', 'GET or HEAD only')
    const key = options.keyOf(path)
    if (!key) return refuse(stream)
    const { object, hit, ageSeconds } = await cache.get(key)
    if (object.status !== 200) {
      if (object.status === 400) return sendError(stream, 400, 'INVALID_ARGUMENT', 'invalid media path')
      return sendError(stream, 404, 'NOT_FOUND', 'no such media')
    }
    const range = parseRange(headers.range as string | undefined, object.body.length)
    if (range.kind === 'invalid') {
      return sendError(stream, 416, 'RANGE_NOT_SATISFIABLE', 'one byte range within the object, e.g. bytes=0-1023', {
        'content-range': `bytes */${object.body.length}`,
      })
    }
    sendBytes(
      stream,
      object.body,
      range.kind === 'part' ? range : undefined,
      { ...object.headers, 'x-cache': hit ? 'HIT' : 'MISS', age: String(ageSeconds) },
      method === 'HEAD',
    )
  }
}
