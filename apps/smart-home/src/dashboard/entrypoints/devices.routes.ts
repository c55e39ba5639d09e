import { idempotent, memoryIdempotencyStore, ok } from '@wired/http'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import type { DeviceRegistry } from '../adapters/device-registry'
import { notificationsOf, readingsOf } from '../adapters/history.repository'
import type { Command } from '../domain/commands'
import { type PublishCommand, sendCommand } from '../use-cases/send-command'

const home = { type: 'string', pattern: '^[a-z0-9]{1,16}$' }
const device = { type: 'string', pattern: '^[a-z0-9]{1,16}-[a-z]{1,16}$' }
const params = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
})

/**
 * The dashboard's REST side: which homes and devices exist (from MQTT's retained state), a
 * device's history (PostgreSQL), a home's notifications, and commands. A command may carry an
 * Idempotency-Key: a page that retries "unlock" after a timeout gets the first answer back
 * instead of a second command; QoS 2 then makes the broker deliver that one command once.
 */
export function deviceRoutes(
  app: FastifyInstance,
  deps: { registry: DeviceRegistry; pool: pg.Pool; publish: PublishCommand },
): void {
  const { registry, pool } = deps
  app.get('/v1/homes', async () => ok(registry.homes()))

  app.get('/v1/homes/:home/devices', { schema: { params: params({ home }) } }, async (request) =>
    ok(registry.inHome((request.params as { home: string }).home)),
  )

  app.get('/v1/homes/:home/notifications', { schema: { params: params({ home }) } }, async (request) =>
    ok(await notificationsOf(pool, (request.params as { home: string }).home, 50)),
  )

  app.get(
    '/v1/devices/:device/readings',
    {
      schema: {
        params: params({ device }),
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, before: { type: 'integer', minimum: 0 } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { limit = 50, before } = request.query as { limit?: number; before?: number }
      const id = (request.params as { device: string }).device
      const readings = await readingsOf(pool, id, {
        limit,
        before: before === undefined ? undefined : new Date(before),
      })
      return ok(readings)
    },
  )

  const once = idempotent(memoryIdempotencyStore(), { required: false })
  app.post(
    '/v1/devices/:device/commands',
    {
      preHandler: once,
      schema: {
        params: params({ device }),
        body: {
          type: 'object',
          properties: { action: { type: 'string', maxLength: 16 }, value: { type: 'number' } },
          required: ['action'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const id = (request.params as { device: string }).device
      const sent = await sendCommand(registry, deps.publish, id, request.body as Command)
      return reply.code(202).send(ok(sent))
    },
  )
}
