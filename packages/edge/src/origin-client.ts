/**
 * The edge's HTTP/2 connection to the origin: one session, many concurrent streams (what HTTP/2
 * buys a cache tier: no per-request connection, no head-of-line blocking between objects).
 * The origin's certificate is self-signed per deployment, so it is not verified here; pinning
 * it is a workshop exercise in the README. Reconnects when the session goes away.
 */
import { type ClientHttp2Session, connect, constants } from 'node:http2'
import { Hops, injectHeaders } from '@wired/wire'
import type { CachedObject } from './edge-cache'

const KEPT_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified']

export function createOriginClient(originUrl: string) {
  let session: ClientHttp2Session | undefined
  const hops = new Hops()
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
  const get = (path: string): Promise<CachedObject> =>
    new Promise((resolve, reject) => {
      const sent: Record<string, string> = { [constants.HTTP2_HEADER_PATH]: path }
      injectHeaders(sent)
      const request = open().request(sent)
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
  return {
    /** A miss's fetch: a client hop in the viewer's trace, its traceparent sent on to the origin. */
    fetch(path: string): Promise<CachedObject> {
      const hop = {
        kind: 'client' as const,
        protocol: 'http' as const,
        name: `GET ${path}`,
        peer: 'origin',
        onlyInTrace: true,
      }
      return hops.around(hop, () => get(path))
    },
    close() {
      session?.close()
    },
  }
}
