/** JSON-schema pieces the routes share (fastify validates with them before a handler runs). */
export const skuParams = {
  type: 'object',
  required: ['sku'],
  additionalProperties: false,
  properties: { sku: { type: 'string', pattern: '^sku-[0-9]{3}$' } },
} as const

export const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' },
    pageSize: { type: 'string', pattern: '^([1-9]|[1-4][0-9]|50)$' },
  },
} as const

export const searchQuery = {
  type: 'object',
  required: ['q'],
  additionalProperties: false,
  properties: { ...pageQuery.properties, q: { type: 'string', minLength: 1, maxLength: 100 } },
} as const

/**
 * A checkout as the client sends it: lines and a card token. No price anywhere: a price field
 * sent by the client is not read (the order service asks pricing), and an unknown field is a 400.
 */
export const checkoutBody = {
  type: 'object',
  required: ['lines', 'cardToken'],
  additionalProperties: false,
  properties: {
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        required: ['sku', 'quantity'],
        additionalProperties: false,
        properties: {
          sku: { type: 'string', pattern: '^sku-[0-9]{3}$' },
          quantity: { type: 'integer', minimum: 1, maximum: 10 },
        },
      },
    },
    cardToken: { type: 'string', pattern: '^tok_[a-z0-9_]{1,40}$' },
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
  properties: { orderId: { type: 'string', pattern: '^ord_[A-Za-z0-9_-]{1,40}$' } },
} as const
