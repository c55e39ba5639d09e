/**
 * The edge's routes over HTTP/2 + TLS: GET/HEAD /videos/... from the cache (filled from the
 * origin), with `x-cache: HIT|MISS`; ranges are cut from the cached whole object, so a Range
 * request never reaches the origin. GET /stats reports the hit ratio.
 */
import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2'
import { sendBytes, sendError, sendJson, sendPreflight } from '../../shared/h2-answers'
import { videoPathOf } from '../../shared/media-types'
import { parseRange } from '../../shared/range'
import type { EdgeCache } from '../cache/edge-cache'

export function edgeRoutes(cache: EdgeCache) {
  return async (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    const method = headers[':method']
    let path: string
    try {
      path = decodeURIComponent(String(headers[':path'] ?? '/').split('?')[0]!)
    } catch {
      return sendError(stream, 400, 'INVALID_ARGUMENT', 'invalid media path')
    }
    if (path === '/healthz') return sendJson(stream, { status: 'ok' })
    if (path === '/stats') return sendJson(stream, cache.stats())
    if (method === 'OPTIONS') return sendPreflight(stream)
    if (method !== 'GET' && method !== 'HEAD') return sendError(stream, 405, 'METHOD_NOT_ALLOWED', 'GET or HEAD only')
    // Checked here too: a traversal attempt is refused at the edge and never costs the origin.
    const video = videoPathOf(path)
    if (!video) return sendError(stream, 400, 'INVALID_ARGUMENT', 'invalid media path')
    const { object, hit } = await cache.get(`/${video.key}`)
    if (object.status !== 200) {
      return sendError(
        stream,
        object.status === 400 ? 400 : 404,
        object.status === 400 ? 'INVALID_ARGUMENT' : 'NOT_FOUND',
        'no such media',
      )
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
      { ...object.headers, 'x-cache': hit ? 'HIT' : 'MISS' },
      method === 'HEAD',
    )
  }
}
