/** JSON-schema pieces the routes share (fastify validates with them before a handler runs). */

/** 1–20 characters: ASCII letters, digits, space, `_` and `-`; no leading or trailing space. */
export const PLAYER_NAME = '^[A-Za-z0-9_-]([A-Za-z0-9 _-]{0,18}[A-Za-z0-9_-])?$'

export const signUpBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', pattern: PLAYER_NAME } },
} as const

export const playerIdParams = {
  type: 'object',
  required: ['playerId'],
  additionalProperties: false,
  properties: { playerId: { type: 'string', pattern: '^p_[A-Za-z0-9_-]{1,40}$' } },
} as const

export const matchIdParams = {
  type: 'object',
  required: ['matchId'],
  additionalProperties: false,
  properties: { matchId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
} as const

export const leaderboardQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$' } },
} as const

export const netemBody = {
  type: 'object',
  required: ['dropPercent', 'delayMs', 'jitterMs'],
  additionalProperties: false,
  properties: {
    dropPercent: { type: 'number', minimum: 0, maximum: 50 },
    delayMs: { type: 'integer', minimum: 0, maximum: 1000 },
    jitterMs: { type: 'integer', minimum: 0, maximum: 500 },
  },
} as const
