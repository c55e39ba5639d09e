import fastify from 'fastify'

const body = JSON.stringify({ data: { padding: 'x'.repeat(Number(process.env.BODY_BYTES ?? 5_000) - 32) }, errors: [] })
const app = fastify({ logger: false })
app.route({
  method: (process.env.BARE_METHOD ?? 'GET') as 'GET' | 'POST',
  url: process.env.BARE_PATH ?? '/',
  handler: async (_request, reply) => reply.type('application/json').send(body),
})
await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
