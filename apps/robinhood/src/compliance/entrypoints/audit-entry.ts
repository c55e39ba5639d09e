import type { IncomingRecord } from '@wired/events'
import { decodeEvent } from '@wired/events'
import {
  CancelRequestedEvent,
  OrderCancelledEvent,
  OrderFilledEvent,
  OrderPlacedEvent,
  typeOf,
} from '../../shared/topics'
import { type AuditEntry, isLarge } from '../domain/large-trade'

/** What compliance keeps of a record on robinhood.orders or robinhood.executions; undefined for unknown types. */
export function auditEntry(record: Pick<IncomingRecord, 'value' | 'headers'>): AuditEntry | undefined {
  const eventType = typeOf(record) ?? ''
  switch (eventType) {
    case OrderPlacedEvent.typeName: {
      const { order } = decodeEvent(OrderPlacedEvent, record)
      if (!order) return undefined
      return {
        eventType,
        orderId: order.orderId,
        accountId: order.accountId,
        large: isLarge(order.quantity, order.limitCents),
      }
    }
    case CancelRequestedEvent.typeName: {
      const { orderId, accountId } = decodeEvent(CancelRequestedEvent, record)
      return { eventType, orderId, accountId, large: false }
    }
    case OrderFilledEvent.typeName: {
      const fill = decodeEvent(OrderFilledEvent, record)
      return {
        eventType,
        orderId: fill.orderId,
        accountId: fill.accountId,
        large: isLarge(fill.quantity, fill.priceCents),
      }
    }
    case OrderCancelledEvent.typeName: {
      const { orderId, accountId } = decodeEvent(OrderCancelledEvent, record)
      return { eventType, orderId, accountId, large: false }
    }
    default:
      return undefined
  }
}
