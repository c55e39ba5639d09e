import type { OrderCancelled, OrderFilled } from '@wired/proto/robinhood/v1/events'
import { Side } from '@wired/proto/robinhood/v1/orders'

export interface Notice {
  orderId: string
  text: string
  atMs: number
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`

/** What the account is told about a fill: made only from the record, so it is the same every time. */
export const fillNotice = (fill: OrderFilled): Notice => ({
  orderId: fill.orderId,
  text: `${fill.side === Side.BUY ? 'Bought' : 'Sold'} ${fill.quantity} ${fill.symbol} at ${dollars(fill.priceCents)}`,
  atMs: fill.atMs,
})

export const cancelNotice = (cancelled: OrderCancelled): Notice => ({
  orderId: cancelled.orderId,
  text: `Order cancelled: ${cancelled.reason}`,
  atMs: cancelled.atMs,
})
