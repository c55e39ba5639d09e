import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '@wired/runtime'

/**
 * Bearer tokens: `base64url(claims).base64url(HMAC-SHA256(secret, claims))`, a JWT without the
 * header. The api issues them at login; the rider gateway and the drivers' WebSocket check them
 * at the HTTP upgrade with the same shared secret, without calling back to the api.
 */
export type Role = 'rider' | 'driver'

export interface Claims {
  sub: string
  role: Role
  /** Expiry, ms since the epoch. */
  exp: number
}

export interface TokenIssuer {
  issue(sub: string, role: Role, now?: number): string
  /** UNAUTHENTICATED for a forged, malformed or expired token. */
  verify(token: string, now?: number): Claims
}

export function createTokenIssuer(secret: string, ttlMs = 24 * 60 * 60_000): TokenIssuer {
  if (secret.length < 16) throw new Error('token secret must be at least 16 characters')
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest()
  return {
    issue(sub, role, now = Date.now()) {
      const body = Buffer.from(JSON.stringify({ sub, role, exp: now + ttlMs } satisfies Claims)).toString('base64url')
      return `${body}.${sign(body).toString('base64url')}`
    },
    verify(token, now = Date.now()) {
      const [body, signature, extra] = token.split('.')
      if (!body || !signature || extra !== undefined) throw invalid('malformed token')
      const expected = sign(body)
      const given = Buffer.from(signature, 'base64url')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('bad signature')
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims
      if (!(claims.exp > now)) throw invalid('token expired')
      return claims
    },
  }
}

const invalid = (why: string) => new AppError('UNAUTHENTICATED', `invalid token: ${why}`)
