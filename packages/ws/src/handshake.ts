import { type IncomingMessage, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { type ErrorCode, isAppError } from '@wired/runtime'

/** Prefix of the subprotocol that carries the token: `new WebSocket(url, ['chat.v1', 'bearer.' + token])`. */
export const BEARER_PROTOCOL_PREFIX = 'bearer.'

/**
 * Where the token travels during the upgrade, in order of preference:
 * 1. `Authorization: Bearer <token>`: Node clients, simulators and load generators can set it.
 * 2. `Sec-WebSocket-Protocol: <app protocol>, bearer.<token>`: the browser WebSocket API cannot
 *    set headers, but it can offer subprotocols (Kubernetes does the same for `kubectl exec`).
 *    The token must be base64url (a subprotocol is an RFC 7230 token: no '+', '/' or '='), and
 *    the browser must also offer a real protocol name, because the server has to pick one and
 *    must never echo the token back (see `selectProtocol`).
 * Not `?token=` in the URL: URLs end up in access logs, proxy logs and browser history, where a
 * bearer token is as good as a password.
 */
export function tokenOf(request: IncomingMessage): string | undefined {
  const authorization = request.headers.authorization
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization)
    return match?.[1]
  }
  const offered = request.headers['sec-websocket-protocol']
  if (offered === undefined) return undefined
  for (const protocol of offered.split(',')) {
    const trimmed = protocol.trim()
    if (trimmed.startsWith(BEARER_PROTOCOL_PREFIX) && trimmed.length > BEARER_PROTOCOL_PREFIX.length)
      return trimmed.slice(BEARER_PROTOCOL_PREFIX.length)
  }
  return undefined
}

/** The subprotocol the server answers with: the first one offered that is not the token. */
export function selectProtocol(offered: Set<string>): string | false {
  for (const protocol of offered) if (!protocol.startsWith(BEARER_PROTOCOL_PREFIX)) return protocol
  return false
}

/**
 * Cross-site WebSocket hijacking defence. Browsers always send Origin on a WebSocket upgrade
 * and a page cannot forge it, so an allow-list stops evil.example from opening a socket with
 * the victim's cookies. Non-browser clients (services, CLIs, load generators) send no Origin;
 * they are allowed because Origin protects browsers' ambient credentials, and such clients must
 * present a token anyway.
 */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string> | '*'): boolean {
  return origin === undefined || allowed === '*' || allowed.has(origin)
}

/** HTTP status for a failed authenticate(): the token's fault → 401, the verifier's fault → 503. */
export function statusForAuthFailure(error: unknown): { status: number; code: ErrorCode } {
  if (!isAppError(error)) return { status: 401, code: 'UNAUTHENTICATED' }
  if (error.code === 'PERMISSION_DENIED') return { status: 403, code: error.code }
  if (error.code === 'UNAVAILABLE' || error.code === 'DEADLINE_EXCEEDED') return { status: 503, code: 'UNAVAILABLE' }
  if (error.code === 'RATE_LIMITED') return { status: 429, code: error.code }
  return { status: 401, code: 'UNAUTHENTICATED' }
}

/**
 * Refuses the upgrade with a plain HTTP response, so the socket never opens: a browser sees a
 * failed handshake, a `ws` client an 'unexpected-response' event with this status. The body is
 * the same envelope the REST API uses.
 */
export function rejectUpgrade(socket: Duplex, status: number, code: ErrorCode, message: string): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const body = JSON.stringify({ data: null, errors: [{ code, message }] })
  const headers = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ]
  if (status === 401) headers.push('WWW-Authenticate: Bearer')
  socket.once('finish', () => socket.destroy())
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`)
}
