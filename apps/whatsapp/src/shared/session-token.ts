import { createHash } from 'node:crypto'

/**
 * What a session is known by outside the client: the SHA-256 of its token. The users service
 * stores only this (a leaked table holds no working token), and a sign-out announces this to
 * the gateways (SIGNED_OUT_CHANNEL), which find the sockets opened with that token by it.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
