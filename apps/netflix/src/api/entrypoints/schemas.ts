/** JSON schemas of the REST edge (strict: no coercion in bodies, no unknown fields). */
export const videoIdParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^v_[A-Za-z0-9_-]{12}$' } },
  required: ['id'],
  additionalProperties: false,
} as const

export const sessionBody = {
  type: 'object',
  properties: { name: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' } },
  required: ['name'],
  additionalProperties: false,
} as const

export const uploadQuery = {
  type: 'object',
  properties: { title: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['title'],
  additionalProperties: false,
} as const

export const commentBody = {
  type: 'object',
  properties: { text: { type: 'string', minLength: 1, maxLength: 500 } },
  required: ['text'],
  additionalProperties: false,
} as const

export const pageQuery = {
  type: 'object',
  properties: {
    before: { type: 'string', pattern: '^[0-9]{1,18}$' },
    limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
  },
  additionalProperties: false,
} as const
