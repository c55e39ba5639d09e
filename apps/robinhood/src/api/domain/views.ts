import { type Order, OrderState, OrderType, Side } from '@wired/proto/robinhood/v1/orders'

/**
 * What the REST API shows of an order. Money is integer cents in every JSON field whose name ends
 * in `Cents`: a float cannot hold $0.10 exactly, and a client in any language can add integers.
 */
export function orderView(order: Order) {
  return {
    orderId: order.orderId,
    symbol: order.symbol,
    side: order.side === Side.BUY ? 'buy' : 'sell',
    type: order.type === OrderType.LIMIT ? 'limit' : 'market',
    quantity: order.quantity,
    /** Limit orders: the limit. Market buys: the collar. Market sells: null. */
    limitCents: order.limitCents === 0 ? null : order.limitCents,
    state: stateName(order.state),
    fillPriceCents: order.state === OrderState.FILLED ? order.fillPriceCents : null,
    reason: order.reason === '' ? null : order.reason,
    createdAt: new Date(order.createdAtMs).toISOString(),
  }
}

export type OrderView = ReturnType<typeof orderView>

const STATE_NAMES: Record<number, string> = {
  [OrderState.ACCEPTED]: 'accepted',
  [OrderState.FILLED]: 'filled',
  [OrderState.CANCEL_REQUESTED]: 'cancel_requested',
  [OrderState.CANCELLED]: 'cancelled',
}

const stateName = (state: OrderState): string => STATE_NAMES[state] ?? 'unknown'

export const sideFrom = (side: 'buy' | 'sell'): Side => (side === 'buy' ? Side.BUY : Side.SELL)
export const typeFrom = (type: 'market' | 'limit'): OrderType => (type === 'limit' ? OrderType.LIMIT : OrderType.MARKET)
