/** JSON-schema pieces the routes share (fastify validates with them before a handler runs). */
export const credentials = {
  type: 'object',
  required: ['name', 'password'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9_]{3,20}$' },
    password: { type: 'string', minLength: 8, maxLength: 200 },
  },
} as const

/**
 * An order as a client sends it. No price for a market order (the market sets it) and no field
 * for the client to name a fill price: `additionalProperties: false` refuses one.
 */
export const orderBody = {
  type: 'object',
  required: ['symbol', 'side', 'type', 'quantity'],
  additionalProperties: false,
  properties: {
    symbol: { type: 'string', pattern: '^[A-Z]{1,8}$' },
    side: { enum: ['buy', 'sell'] },
    type: { enum: ['market', 'limit'] },
    quantity: { type: 'integer', minimum: 1, maximum: 100_000 },
    limitCents: { type: 'integer', minimum: 1, maximum: 100_000_000 },
  },
} as const

export const idempotencyHeaders = {
  type: 'object',
  required: ['idempotency-key'],
  properties: { 'idempotency-key': { type: 'string', minLength: 8, maxLength: 100, pattern: '^[\\x21-\\x7e]+$' } },
} as const

export const orderIdParams = {
  type: 'object',
  required: ['orderId'],
  additionalProperties: false,
  properties: { orderId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
} as const
