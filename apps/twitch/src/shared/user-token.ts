import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '@wired/runtime'

/**
 * A user's bearer token: `<userId>.<name>.<expiresAtSeconds>.<mac>`, HMAC-SHA256 with a key derived
 * from the deployment's shared secret (GRPC_SECRET). The api issues it at sign-up; the api and both
 * chat servers verify it with no database read and no call to each other, which is what lets a
 * chat server check 5,000 upgrades without asking anyone. The price: a token cannot be revoked
 * before it expires (a ban is per channel and lives in Redis, so it does not need revocation).
 * Every character is a subprotocol-safe token character, so a browser can offer it as
 * `bearer.<token>` (the WebSocket API cannot set an Authorization header).
 */
const TOKEN = /^(u_[A-Za-z0-9_-]{12})\.([a-z0-9_]{3,24})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/
export const USER_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60

export interface TokenUser {
  userId: string
  /** The user's name, which is also their channel's name. */
  name: string
}

const keyFor = (sharedSecret: string) => createHmac('sha256', sharedSecret).update('twitch user token').digest()

export function userTokens(sharedSecret: string) {
  const key = keyFor(sharedSecret)
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url')
  return {
    issue(user: TokenUser, nowMs = Date.now()): string {
      const payload = `${user.userId}.${user.name}.${Math.floor(nowMs / 1000) + USER_TOKEN_TTL_SECONDS}`
      return `${payload}.${mac(payload)}`
    },
    /** The user the token names; AppError UNAUTHENTICATED for a forged, malformed or expired one. */
    verify(token: unknown, nowMs = Date.now()): TokenUser {
      const match = typeof token === 'string' ? TOKEN.exec(token) : null
      if (!match) throw new AppError('UNAUTHENTICATED', 'malformed user token')
      const [, userId, name, expires, given] = match as unknown as [string, string, string, string, string]
      if (!timingSafeEqual(Buffer.from(mac(`${userId}.${name}.${expires}`)), Buffer.from(given)))
        throw new AppError('UNAUTHENTICATED', 'invalid user token')
      if (Number(expires) * 1000 < nowMs) throw new AppError('UNAUTHENTICATED', 'user token expired')
      return { userId, name }
    },
  }
}

export type UserTokens = ReturnType<typeof userTokens>
