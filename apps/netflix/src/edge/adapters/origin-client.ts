/**
 * The edge's HTTP/2 connection to the origin: one session, many concurrent streams (what HTTP/2
 * buys a cache tier: no per-request connection, no head-of-line blocking between objects).
 * The origin's certificate is self-signed per deployment, so it is not verified here; pinning
 * it is a workshop exercise in the README. Reconnects when the session goes away.
 */
import { type ClientHttp2Session, connect, constants } from 'node:http2'
import type { CachedObject } from '../cache/edge-cache'

const KEPT_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified']

export function createOriginClient(originUrl: string) {
  let session: ClientHttp2Session | undefined
  const open = () => {
    if (session && !session.closed && !session.destroyed) return session
    const opened = connect(originUrl, { rejectUnauthorized: false })
    opened.on('error', () => undefined)
    opened.on('close', () => {
      if (session === opened) session = undefined
    })
    session = opened
    return opened
  }
  return {
    fetch(path: string, traceparent?: string): Promise<CachedObject> {
      return new Promise((resolve, reject) => {
        const request = open().request({
          [constants.HTTP2_HEADER_PATH]: path,
          ...(traceparent ? { traceparent } : {}),
        })
        request.setTimeout(10_000, () => request.close(constants.NGHTTP2_CANCEL))
        const chunks: Buffer[] = []
        let status = 502
        const headers: Record<string, string> = {}
        request.on('response', (answer) => {
          status = Number(answer[':status'])
          for (const name of KEPT_HEADERS) if (answer[name]) headers[name] = String(answer[name])
        })
        request.on('data', (chunk: Buffer) => chunks.push(chunk))
        request.on('end', () => resolve({ status, body: Buffer.concat(chunks), headers }))
        request.on('error', reject)
        request.end()
      })
    },
    close() {
      session?.close()
    },
  }
}
