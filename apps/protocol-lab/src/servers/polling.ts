import Fastify, { type FastifyReply } from 'fastify'
import type { Notification } from '../payload'
import type { LabServer } from './lab-server'
import { portOf } from './rest'

/**
 * Polling over HTTP/1.1 on fastify: `GET /notifications?after=<seq>&wait=<ms>`.
 * - wait=0 is plain (short) polling: the answer is immediate, often an empty list.
 * - wait>0 is long polling: with nothing newer than `after`, the server holds the request until
 *   a notification arrives or `wait` runs out; the client then asks again at once.
 * Without `after` the client means "only what is published from now on". Every answer carries
 * `cursor`, the last seq the server has, so the next request starts from there.
 */
const RETAINED = 1000

interface Waiter {
  after: number
  reply: FastifyReply
  timer: NodeJS.Timeout
}

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'integer', minimum: -1 },
    wait: { type: 'integer', minimum: 0, maximum: 60_000 },
  },
} as const

export async function startPolling(): Promise<LabServer> {
  const app = Fastify()
  const recent: Notification[] = []
  const waiters = new Set<Waiter>()
  const cursor = () => recent.at(-1)?.seq ?? -1
  const newerThan = (after: number) => recent.filter((notification) => notification.seq > after)
  const answer = (reply: FastifyReply, after: number) =>
    reply.send({ notifications: newerThan(after), cursor: cursor() })

  app.get<{ Querystring: { after?: number; wait?: number } }>(
    '/notifications',
    { schema: { querystring: querySchema } },
    (request, reply) => {
      const after = request.query.after ?? cursor()
      const wait = request.query.wait ?? 0
      if (wait === 0 || newerThan(after).length > 0) return answer(reply, after)
      const waiter: Waiter = {
        after,
        reply,
        timer: setTimeout(() => {
          waiters.delete(waiter)
          answer(reply, after)
        }, wait),
      }
      waiters.add(waiter)
      return reply
    },
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    port: portOf(app),
    async publish(notification) {
      recent.push(notification)
      if (recent.length > RETAINED) recent.shift()
      for (const waiter of waiters) {
        clearTimeout(waiter.timer)
        answer(waiter.reply, waiter.after)
      }
      waiters.clear()
    },
    async close() {
      // A held request would keep close() waiting: answer it first.
      for (const waiter of waiters) {
        clearTimeout(waiter.timer)
        answer(waiter.reply, waiter.after)
      }
      await app.close()
    },
  }
}
