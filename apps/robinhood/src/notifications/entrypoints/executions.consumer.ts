import { decodeEvent, type EventLog } from '@wired/events'
import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import { accountKeys, NOTIFICATIONS_KEPT } from '../../shared/redis-keys'
import { OrderCancelledEvent, OrderFilledEvent, typeOf } from '../../shared/topics'
import { cancelNotice, fillNotice, type Notice } from '../domain/notice'

/**
 * Kafka consumer on robinhood.executions: each fill or cancel becomes a notice in the account's
 * Redis sorted set (ZADD, then ZREMRANGEBYRANK keeps the newest 50, in one MULTI). The api
 * reads them for the page. A redelivered record makes the same member, so ZADD adds nothing.
 */
export function consumeExecutionsForNotices(
  eventLog: EventLog,
  options: { topic: string; groupId: string; keyPrefix: string },
  redis: RedisClient,
  logger: Logger,
) {
  const keys = accountKeys(options.keyPrefix)
  const notify = async (accountId: string, notice: Notice) => {
    const key = keys.notifications(accountId)
    await redis
      .multi()
      .zadd(key, notice.atMs, JSON.stringify(notice))
      .zremrangebyrank(key, 0, -NOTIFICATIONS_KEPT - 1)
      .exec()
  }
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    handler: async (record) => {
      const type = typeOf(record)
      if (type === OrderFilledEvent.typeName) {
        const fill = decodeEvent(OrderFilledEvent, record)
        await notify(fill.accountId, fillNotice(fill))
      } else if (type === OrderCancelledEvent.typeName) {
        const cancelled = decodeEvent(OrderCancelledEvent, record)
        await notify(cancelled.accountId, cancelNotice(cancelled))
      } else logger.warn({ type }, 'robinhood.executions: unknown record type; skipped')
    },
  })
}
