import type { ServerResponse } from 'node:http'
import Fastify from 'fastify'
import type { LabServer } from './lab-server'
import { portOf } from './rest'

/**
 * Server-Sent Events on fastify: `GET /events` keeps the response open and writes one event per
 * notification. Each event carries an `id:` line, which is what lets a browser's EventSource
 * resume with Last-Event-ID after a reconnect; the lab pays for those bytes like a real feed.
 */
export async function startSse(): Promise<LabServer> {
  const app = Fastify()
  const streams = new Set<ServerResponse>()
  app.get('/events', (request, reply) => {
    reply.hijack()
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    })
    // A comment line flushes the headers, so the client knows the stream is open.
    reply.raw.write(': open\n\n')
    streams.add(reply.raw)
    request.raw.on('close', () => streams.delete(reply.raw))
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    port: portOf(app),
    async publish(notification) {
      const event = `id: ${notification.seq}\ndata: ${JSON.stringify(notification)}\n\n`
      for (const stream of streams) stream.write(event)
    },
    async close() {
      for (const stream of streams) stream.destroy()
      await app.close()
    },
  }
}
