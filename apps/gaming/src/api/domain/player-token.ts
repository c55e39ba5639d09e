import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '@wired/runtime'

/**
 * A player's bearer token: `<playerId>.<expiresAtSeconds>.<mac>`, HMAC-SHA256 with a key derived
 * from the deployment's shared secret. Why signed rather than a random token stored (hashed) in
 * PostgreSQL: matchmaking is the lobby's busiest call, and a signed token is checked with no
 * database read. The price is that a token cannot be revoked before it expires, which is fine for
 * a game lobby with no passwords or money behind it; 7 days, so a returning player keeps a name.
 */
const TOKEN = /^(p_[A-Za-z0-9_-]{1,40})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/
export const PLAYER_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60

const keyFor = (sharedSecret: string) => createHmac('sha256', sharedSecret).update('gaming player token').digest()

export function playerTokens(sharedSecret: string) {
  const key = keyFor(sharedSecret)
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url')
  return {
    issue(playerId: string, nowMs = Date.now()): string {
      const payload = `${playerId}.${Math.floor(nowMs / 1000) + PLAYER_TOKEN_TTL_SECONDS}`
      return `${payload}.${mac(payload)}`
    },
    /** The player the token names; AppError UNAUTHENTICATED for a forged, malformed or expired one. */
    verify(token: string, nowMs = Date.now()): string {
      const match = TOKEN.exec(token)
      if (!match) throw new AppError('UNAUTHENTICATED', 'malformed player token')
      const [, playerId, expires, given] = match as unknown as [string, string, string, string]
      if (!timingSafeEqual(Buffer.from(mac(`${playerId}.${expires}`)), Buffer.from(given)))
        throw new AppError('UNAUTHENTICATED', 'invalid player token')
      if (Number(expires) * 1000 < nowMs) throw new AppError('UNAUTHENTICATED', 'player token expired')
      return playerId
    },
  }
}

export type PlayerTokens = ReturnType<typeof playerTokens>
