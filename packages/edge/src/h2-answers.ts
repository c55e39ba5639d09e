/** Small answers shared by the HTTP/2 media servers (origin, edge): JSON errors in the project's envelope, bytes with ranges, CORS. */
import type { ServerHttp2Stream } from 'node:http2'

export function sendError(stream: ServerHttp2Stream, status: number, code: string, message: string, headers = {}) {
  if (stream.destroyed || stream.headersSent) return
  stream.respond({
    ':status': status,
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
    ...headers,
  })
  stream.end(JSON.stringify({ data: null, errors: [{ code, message }] }))
}

export function sendJson(stream: ServerHttp2Stream, body: unknown) {
  if (stream.destroyed) return
  stream.respond({
    ':status': 200,
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
  })
  stream.end(JSON.stringify({ data: body, errors: [] }))
}

/** Sends `bytes` whole or one range of it (already parsed), with the headers a player expects. */
export function sendBytes(
  stream: ServerHttp2Stream,
  bytes: Buffer,
  range: { start: number; end: number } | undefined,
  headers: Record<string, string>,
  head = false,
) {
  if (stream.destroyed) return
  const part = range ? bytes.subarray(range.start, range.end + 1) : bytes
  stream.respond({
    ':status': range ? 206 : 200,
    'accept-ranges': 'bytes',
    'content-length': String(part.length),
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'content-range, content-length, x-cache, age',
    ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${bytes.length}` } : {}),
    ...headers,
  })
  stream.end(head ? undefined : part)
}

/** CORS preflight: the page (another origin) may send Range and traceparent. */
export function sendPreflight(stream: ServerHttp2Stream) {
  stream.respond({
    ':status': 204,
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, HEAD',
    'access-control-allow-headers': 'range, traceparent',
    'access-control-max-age': '600',
  })
  stream.end()
}
