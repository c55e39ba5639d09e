import { decodeEvent, type EventLog } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { OrderCancelledEvent, OrderFilledEvent, typeOf } from '../../shared/topics'
import type { OrderRepository } from '../adapters/order.repository'

/**
 * Kafka consumer on robinhood.executions: moves each order to FILLED or CANCELLED. The UPDATE only
 * touches an open order, so a redelivered record is a no-op.
 */
export function consumeExecutionsForOrderStates(
  eventLog: EventLog,
  options: { topic: string; groupId: string },
  orders: OrderRepository,
  logger: Logger,
) {
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    handler: async (record) => {
      const type = typeOf(record)
      if (type === OrderFilledEvent.typeName) {
        const fill = decodeEvent(OrderFilledEvent, record)
        await orders.markFilled(fill.orderId, fill.priceCents)
      } else if (type === OrderCancelledEvent.typeName) {
        const cancelled = decodeEvent(OrderCancelledEvent, record)
        await orders.markCancelled(cancelled.orderId, cancelled.reason)
      } else logger.warn({ type }, 'robinhood.executions: unknown record type; skipped')
    },
  })
}
