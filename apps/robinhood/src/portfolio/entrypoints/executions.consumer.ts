import { decodeEvent, type EventLog } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { OrderCancelledEvent, OrderFilledEvent, typeOf } from '../../shared/topics'
import type { HoldingsRepository } from '../adapters/holdings.repository'

/**
 * Kafka consumer on robinhood.executions: a fill moves cash and shares, a cancel gives the hold
 * back. The offset is committed after the transaction, and the repository records each order id
 * it applied, so a record redelivered after a crash changes nothing the second time.
 */
export function consumeExecutions(
  eventLog: EventLog,
  options: { topic: string; groupId: string },
  holdings: HoldingsRepository,
  logger: Logger,
) {
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    // Money moves here: a database blip must be waited out, never dead-lettered after 350 ms.
    // Ten doublings from 50 ms is about 50 s of retries before a record counts as poison.
    maxRetries: 10,
    handler: async (record) => {
      const type = typeOf(record)
      if (type === OrderFilledEvent.typeName) await holdings.applyFilled(decodeEvent(OrderFilledEvent, record))
      else if (type === OrderCancelledEvent.typeName)
        await holdings.applyCancelled(decodeEvent(OrderCancelledEvent, record).orderId)
      else logger.warn({ type }, 'robinhood.executions: a record of a type this consumer does not know; skipped')
    },
  })
}
