import Fastify, { type FastifyInstance } from 'fastify'
import type { LabServer } from './lab-server'

/**
 * REST over HTTP/1.1 or HTTP/2 with fastify: `POST /users/echo` validates a User against a JSON
 * schema and returns it. Validation and a response schema are what a real fastify route does,
 * so the lab times that, not a bare socket. HTTP/2 here is cleartext h2c with prior knowledge
 * (no TLS, no ALPN): browsers only speak HTTP/2 over TLS, but the framing and HPACK measured are
 * the same, and TLS would add its own handshake and bytes to every row equally.
 */
const userSchema = {
  type: 'object',
  required: ['user_id', 'name', 'email', 'age'],
  additionalProperties: false,
  properties: {
    user_id: { type: 'integer' },
    name: { type: 'string', maxLength: 200 },
    email: { type: 'string', maxLength: 200 },
    age: { type: 'integer', minimum: 0 },
  },
} as const

function addRoutes(app: FastifyInstance): void {
  app.post(
    '/users/echo',
    { schema: { body: userSchema, response: { 200: userSchema } } },
    async (request) => request.body,
  )
}

export async function startRestHttp1(): Promise<LabServer> {
  const app = Fastify()
  addRoutes(app)
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { port: portOf(app), close: () => app.close() }
}

export async function startRestHttp2(): Promise<LabServer> {
  const app = Fastify({ http2: true })
  addRoutes(app as unknown as FastifyInstance)
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { port: portOf(app as unknown as FastifyInstance), close: () => app.close() }
}

export function portOf(app: FastifyInstance): number {
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP')
  return address.port
}
