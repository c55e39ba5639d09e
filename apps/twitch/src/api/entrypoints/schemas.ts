import { AppError } from '@wired/runtime'

/** JSON-schema pieces the routes share (fastify validates with them before a handler runs). */

/** A user's name is also their channel's: 3–24 of a-z, 0-9, _ (src/shared/stream-key.ts). */
export const CHANNEL = '^[a-z0-9_]{3,24}$'

export const signUpBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', pattern: CHANNEL } },
} as const

export const channelParams = {
  type: 'object',
  required: ['channel'],
  additionalProperties: false,
  properties: { channel: { type: 'string', pattern: CHANNEL } },
} as const

export const clipParams = {
  type: 'object',
  required: ['clipId'],
  additionalProperties: false,
  properties: { clipId: { type: 'string', pattern: '^c_[A-Za-z0-9_-]{16}$' } },
} as const

/** POST /api/streams and the clip request take `{}` or no body at all; anything else is a mistake. */
export function requireEmptyBody(body: unknown): void {
  if (body === undefined || body === null) return
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return
  throw new AppError('INVALID_ARGUMENT', 'this call takes an empty JSON object {} (or no body)')
}
