/** JSON-schema pieces the routes share (fastify validates with them before a handler runs). */
export const id = { type: 'string', pattern: '^[1-9][0-9]{0,17}$' } as const
export const handle = { type: 'string', minLength: 1, maxLength: 21 } as const
export const postIdParams = {
  type: 'object',
  required: ['postId'],
  additionalProperties: false,
  properties: { postId: id },
} as const
export const handleParams = {
  type: 'object',
  required: ['handle'],
  additionalProperties: false,
  properties: { handle },
} as const
