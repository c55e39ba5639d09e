import type { IncomingRecord } from '@wired/events'
import { decodeEvent } from '@wired/events'
import {
  CancelRequestedEvent,
  OrderCancelledEvent,
  OrderFilledEvent,
  OrderPlacedEvent,
  typeOf,
} from '../../shared/topics'

/** Orders and fills worth at least this ($50,000) are flagged for review. */
export const LARGE_NOTIONAL_CENTS = 5_000_000

export interface AuditEntry {
  eventType: string
  orderId: string
  accountId: string
  large: boolean
}

/** What compliance keeps of a record on robinhood.orders or robinhood.executions; undefined for unknown types. */
export function auditEntry(record: Pick<IncomingRecord, 'value' | 'headers'>): AuditEntry | undefined {
  const eventType = typeOf(record) ?? ''
  switch (eventType) {
    case OrderPlacedEvent.typeName: {
      const { order } = decodeEvent(OrderPlacedEvent, record)
      if (!order) return undefined
      const large = order.quantity * order.limitCents >= LARGE_NOTIONAL_CENTS
      return { eventType, orderId: order.orderId, accountId: order.accountId, large }
    }
    case CancelRequestedEvent.typeName: {
      const { orderId, accountId } = decodeEvent(CancelRequestedEvent, record)
      return { eventType, orderId, accountId, large: false }
    }
    case OrderFilledEvent.typeName: {
      const fill = decodeEvent(OrderFilledEvent, record)
      const large = fill.quantity * fill.priceCents >= LARGE_NOTIONAL_CENTS
      return { eventType, orderId: fill.orderId, accountId: fill.accountId, large }
    }
    case OrderCancelledEvent.typeName: {
      const { orderId, accountId } = decodeEvent(OrderCancelledEvent, record)
      return { eventType, orderId, accountId, large: false }
    }
    default:
      return undefined
  }
}
