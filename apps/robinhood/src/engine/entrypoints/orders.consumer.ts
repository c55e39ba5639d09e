import { decodeEvent, type EventLog } from '@wired/events'
import { CancelRequestedEvent, OrderPlacedEvent, typeOf } from '../../shared/topics'
import { cancelOrder, type EngineDeps, executeNewOrder } from '../use-cases/execute-orders'

/**
 * Kafka consumer on robinhood.orders, the durable order log. The offset is committed only after
 * the decision committed in PostgreSQL, so a kill -9 at any point replays the uncommitted records
 * and processed_orders makes each replayed order a no-op: every order executes exactly once.
 * One partition per account keeps an order and its cancel in order.
 */
export function consumeOrders(eventLog: EventLog, options: { topic: string; groupId: string }, deps: EngineDeps) {
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    // Money moves here: a database blip must be waited out, never dead-lettered after 350 ms.
    // Ten doublings from 50 ms is about 50 s of retries before a record counts as poison.
    maxRetries: 10,
    handler: async (record) => {
      const type = typeOf(record)
      if (type === OrderPlacedEvent.typeName) {
        const { order } = decodeEvent(OrderPlacedEvent, record)
        if (order) await executeNewOrder(deps, order)
      } else if (type === CancelRequestedEvent.typeName) {
        const { orderId, accountId } = decodeEvent(CancelRequestedEvent, record)
        await cancelOrder(deps, orderId, accountId)
      } else deps.logger.warn({ type }, 'robinhood.orders: unknown record type; skipped')
    },
  })
}
