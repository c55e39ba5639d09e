import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '@wired/runtime'

/**
 * A match ticket is how the lobby (api) admits a player to a match on a game server without the
 * two calling each other: matchmaking signs `{ playerId, name, matchId, endsAt, expires }` with a key
 * derived from the deployment's shared secret (GRPC_SECRET), and the game server verifies it locally when the
 * player's first TCP or WebSocket frame presents it. Form: `<base64url(JSON)>.<base64url(HMAC-SHA256)>`.
 * Tickets are short-lived (2 minutes to join): a leaked one is worth little.
 */
export interface MatchTicket {
  playerId: string
  name: string
  matchId: string
  /** When the match ends (Unix ms), decided by the lobby when it opened the match. */
  endsAt: number
  /** When the ticket stops admitting (Unix seconds). */
  expires: number
}

export const TICKET_TTL_SECONDS = 120
const TICKET = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/
const ID = /^[A-Za-z0-9_-]{1,64}$/

const keyFor = (sharedSecret: string) => createHmac('sha256', sharedSecret).update('gaming match ticket').digest()

export function matchTickets(sharedSecret: string) {
  const key = keyFor(sharedSecret)
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url')
  return {
    issue(ticket: Omit<MatchTicket, 'expires'>, nowMs = Date.now()): string {
      const expires = Math.floor(nowMs / 1000) + TICKET_TTL_SECONDS
      const payload = Buffer.from(JSON.stringify({ ...ticket, expires })).toString('base64url')
      return `${payload}.${mac(payload)}`
    },
    /** The ticket's claims; AppError UNAUTHENTICATED for a forged, malformed or expired one. */
    verify(token: unknown, nowMs = Date.now()): MatchTicket {
      const match = typeof token === 'string' ? TICKET.exec(token) : null
      if (!match) throw new AppError('UNAUTHENTICATED', 'malformed match ticket')
      const [, payload, given] = match as unknown as [string, string, string]
      if (!timingSafeEqual(Buffer.from(mac(payload)), Buffer.from(given))) {
        throw new AppError('UNAUTHENTICATED', 'invalid match ticket')
      }
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as MatchTicket
      if (
        !ID.test(claims.playerId) ||
        !ID.test(claims.matchId) ||
        typeof claims.name !== 'string' ||
        !Number.isSafeInteger(claims.endsAt)
      ) {
        throw new AppError('UNAUTHENTICATED', 'malformed match ticket')
      }
      if (claims.expires * 1000 < nowMs) throw new AppError('UNAUTHENTICATED', 'match ticket expired')
      return claims
    },
  }
}

export type MatchTickets = ReturnType<typeof matchTickets>
