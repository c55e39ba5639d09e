import { createHash } from 'node:crypto'
import { decodeEvent, type EventLog } from '@wired/events'
import type { RedisClient } from '@wired/redis'
import type pg from 'pg'
import type { RedisKeys } from '../../shared/redis-keys'
import { type AmazonTopics, type consumerGroups, OrderPlacedEvent } from '../../shared/topics'

const NOTICES_KEPT = 20

/**
 * Three Kafka consumers on amazon.orders, one consumer group each, so each job reads every
 * OrderPlaced at its own pace and a slow one (the carrier) never holds up another. Each handler
 * is idempotent, because a record can arrive twice.
 *
 *   fulfilment    INSERT a pick list (PostgreSQL; ON CONFLICT DO NOTHING)
 *   shipping      HSET tracking:{orderId} state shipped, carrier, tracking number (Redis; same values twice)
 *   notification  ZADD notices:{customerId} "your order … is placed" (same member twice adds nothing)
 */
export async function consumeOrderPlaced(
  eventLog: EventLog,
  topics: AmazonTopics,
  groups: ReturnType<typeof consumerGroups>,
  stores: { pool: pg.Pool; redis: RedisClient; keys: RedisKeys },
) {
  const { pool, redis, keys } = stores
  const subscribe = (groupId: string, handle: (order: NonNullable<ReturnType<typeof orderOf>>) => Promise<unknown>) =>
    eventLog.subscribe({
      groupId,
      topics: [topics.orders],
      fromBeginning: true,
      handler: async (record) => {
        const order = orderOf(decodeEvent(OrderPlacedEvent, record))
        if (order) await handle(order)
      },
    })
  const consumers = await Promise.all([
    subscribe(groups.fulfilment, (order) =>
      pool.query('INSERT INTO pick_lists (order_id, lines) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING', [
        order.orderId,
        JSON.stringify(order.lines),
      ]),
    ),
    subscribe(groups.shipping, (order) =>
      redis.hset(keys.tracking(order.orderId), {
        state: 'shipped',
        carrier: 'Wired Parcel',
        // Derived from the order id, so a redelivery writes the same number.
        number: `WP${createHash('sha256').update(order.orderId).digest('hex').slice(0, 12).toUpperCase()}`,
      }),
    ),
    subscribe(groups.notification, (order) =>
      redis
        .multi()
        .zadd(keys.notices(order.customerId), order.createdAtMs, `order ${order.orderId} is placed`)
        .zremrangebyrank(keys.notices(order.customerId), 0, -NOTICES_KEPT - 1)
        .exec(),
    ),
  ])
  return { stop: () => Promise.all(consumers.map((consumer) => consumer.stop())) }
}

const orderOf = (event: { order?: { orderId: string; customerId: string; createdAtMs: number; lines: unknown } }) =>
  event.order
