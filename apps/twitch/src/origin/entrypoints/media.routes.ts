/**
 * The origin's one route, GET/HEAD /streams/... and /clips/...: live HLS, VODs and clips from the
 * media dir over HTTP/2 + TLS, with the Cache-Control the edge caches by (domain/cache-rules.ts).
 * ffmpeg writes every segment and playlist under a temporary name and renames it (hls_flags
 * temp_file), so a read here never sees half a file. Anything that is not a media path is 404.
 */
import { readFile } from 'node:fs/promises'
import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2'
import { join } from 'node:path'
import { mediaType, parseRange, sendBytes, sendError, sendJson, sendPreflight } from '@wired/edge'
import { mediaKeyOf } from '../../shared/media-paths'
import { cacheControlFor } from '../domain/cache-rules'

export function mediaRoutes(mediaDir: string, counters: { requests: number }) {
  return async (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    const method = headers[':method']
    let path: string
    try {
      path = decodeURIComponent(String(headers[':path'] ?? '/').split('?')[0]!)
    } catch {
      return sendError(stream, 404, 'NOT_FOUND', 'no such media')
    }
    if (path === '/healthz') return sendJson(stream, { status: 'ok' })
    if (path === '/stats') return sendJson(stream, counters)
    if (method === 'OPTIONS') return sendPreflight(stream)
    if (method !== 'GET' && method !== 'HEAD') return sendError(stream, 405, 'METHOD_NOT_ALLOWED', 'GET or HEAD only')
    counters.requests += 1
    // The whitelist admits no `.` or `..` segment, so join() cannot leave the media dir.
    const key = mediaKeyOf(path)
    if (!key) return sendError(stream, 404, 'NOT_FOUND', 'no such media')
    let bytes: Buffer
    try {
      bytes = await readFile(join(mediaDir, key))
    } catch {
      return sendError(stream, 404, 'NOT_FOUND', 'no such media')
    }
    const range = parseRange(headers.range as string | undefined, bytes.length)
    if (range.kind === 'invalid') {
      return sendError(stream, 416, 'RANGE_NOT_SATISFIABLE', 'one byte range within the object, e.g. bytes=0-1023', {
        'content-range': `bytes */${bytes.length}`,
      })
    }
    sendBytes(
      stream,
      bytes,
      range.kind === 'part' ? range : undefined,
      { 'content-type': mediaType(key) ?? 'application/octet-stream', 'cache-control': cacheControlFor(key, bytes) },
      method === 'HEAD',
    )
  }
}
