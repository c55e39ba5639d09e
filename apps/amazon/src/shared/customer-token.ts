import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '@wired/runtime'

/**
 * Session tokens: `<customerId>.<expiresAtSeconds>.<mac>`, an HMAC-SHA256 over the first two
 * parts with a key derived from the deployment's shared secret. Every edge that takes a token
 * (the REST api and GraphQL) verifies it locally, with no
 * call to an auth service on the hot path. The price: a token cannot be revoked before it
 * expires, so tokens are short-lived (12 h here).
 */
const TOKEN = /^([A-Za-z0-9_-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/
export const SESSION_TTL_SECONDS = 12 * 60 * 60

const keyFor = (sharedSecret: string) => createHmac('sha256', sharedSecret).update('amazon customer token').digest()

export function customerTokens(sharedSecret: string) {
  const key = keyFor(sharedSecret)
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url')
  return {
    issue(customerId: string, nowMs = Date.now()): string {
      const payload = `${customerId}.${Math.floor(nowMs / 1000) + SESSION_TTL_SECONDS}`
      return `${payload}.${mac(payload)}`
    },
    /** The customer the token names; AppError UNAUTHENTICATED for a forged, malformed or expired one. */
    verify(token: string, nowMs = Date.now()): string {
      const match = TOKEN.exec(token)
      if (!match) throw new AppError('UNAUTHENTICATED', 'malformed session token')
      const [, customerId, expires, given] = match as unknown as [string, string, string, string]
      const expected = Buffer.from(mac(`${customerId}.${expires}`))
      if (!timingSafeEqual(expected, Buffer.from(given))) throw new AppError('UNAUTHENTICATED', 'invalid session token')
      if (Number(expires) * 1000 < nowMs) throw new AppError('UNAUTHENTICATED', 'session token expired')
      return customerId
    },
  }
}

export type CustomerTokens = ReturnType<typeof customerTokens>
