import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '@wired/runtime'

export interface AccessClaims {
  userId: string
  handle: string
  /** ms since the epoch */
  expiresAt: number
}

/**
 * The bearer token the api issues at sign-in: claims + HMAC-SHA256 with the scenario's shared
 * secret. Collaboration replicas check it at the WS upgrade (and on every long-poll and SSE
 * request) without a call to the api: the socket tier must not depend on the api being up.
 * base64url throughout, so a browser can offer it as a WebSocket subprotocol.
 */
export function signAccessToken(claims: AccessClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${body}.${mac(body, secret)}`
}

export function verifyAccessToken(token: string, secret: string, now = Date.now()): AccessClaims {
  const [body, signature, extra] = token.split('.')
  if (!body || !signature || extra !== undefined) throw new AppError('UNAUTHENTICATED', 'malformed token')
  const expected = Buffer.from(mac(body, secret))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new AppError('UNAUTHENTICATED', 'bad token signature')
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as AccessClaims
  if (typeof claims.expiresAt !== 'number' || claims.expiresAt < now)
    throw new AppError('UNAUTHENTICATED', 'token expired')
  return claims
}

const mac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64url')

/** The principal bearerAuth puts on a request: the token's claims under the kit's `id`. */
export interface DocsPrincipal extends AccessClaims {
  id: string
}

export const principalOf = (claims: AccessClaims): DocsPrincipal => ({ ...claims, id: claims.userId })
