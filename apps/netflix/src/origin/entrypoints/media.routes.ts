/**
 * The origin's one route, GET/HEAD /videos/<id>/<file>: HLS playlists, segments and thumbnails
 * from the object store, over HTTP/2 with TLS. Nothing of a video is served before its master
 * playlist exists (the transcoder writes it last), so no cache ever holds half a video.
 */
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2'
import { parseRange, sendBytes, sendError, sendJson, sendPreflight } from '@wired/edge'
import { AppError } from '@wired/runtime'
import { IMMUTABLE, mediaType, videoPathOf } from '../../shared/media-types'
import { resolveKey, videoKeys } from '../../shared/object-store'

export function mediaRoutes(dataDir: string, counters: { requests: number }) {
  return async (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    const method = headers[':method']
    const path = decodeURIComponent(String(headers[':path'] ?? '/').split('?')[0]!)
    if (path === '/healthz') return sendJson(stream, { status: 'ok' })
    if (path === '/stats') return sendJson(stream, counters)
    if (method === 'OPTIONS') return sendPreflight(stream)
    if (method !== 'GET' && method !== 'HEAD') return sendError(stream, 405, 'METHOD_NOT_ALLOWED', 'GET or HEAD only')
    counters.requests += 1
    const video = videoPathOf(path)
    const type = video && mediaType(video.key)
    if (!video || !type) return sendError(stream, 400, 'INVALID_ARGUMENT', 'invalid media path')
    let file: string
    try {
      file = resolveKey(dataDir, video.key)
      if (!existsSync(resolveKey(dataDir, videoKeys(video.videoId).master)))
        throw new AppError('NOT_FOUND', 'no such video')
      await stat(file)
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_ARGUMENT')
        return sendError(stream, 400, error.code, error.message)
      return sendError(stream, 404, 'NOT_FOUND', 'no such media')
    }
    const bytes = await readFile(file)
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
      { 'content-type': type, 'cache-control': IMMUTABLE },
      method === 'HEAD',
    )
  }
}
