import type { RestingOrder } from '../domain/execution'

/**
 * The open limit orders by symbol, in memory: a tick batch of 200 symbols must find the few
 * with resting orders without a query. PostgreSQL stays the truth (resting_orders); this is
 * loaded from it at start and follows every decision.
 */
export class RestingBook {
  private readonly bySymbol = new Map<string, Map<string, RestingOrder>>()

  add(order: RestingOrder): void {
    const orders = this.bySymbol.get(order.symbol) ?? new Map<string, RestingOrder>()
    this.bySymbol.set(order.symbol, orders)
    orders.set(order.orderId, order)
  }

  remove(orderId: string): RestingOrder | undefined {
    for (const [symbol, orders] of this.bySymbol) {
      const order = orders.get(orderId)
      if (!order) continue
      orders.delete(orderId)
      if (orders.size === 0) this.bySymbol.delete(symbol)
      return order
    }
    return undefined
  }

  on(symbol: string): RestingOrder[] {
    return [...(this.bySymbol.get(symbol)?.values() ?? [])]
  }

  get size(): number {
    let total = 0
    for (const orders of this.bySymbol.values()) total += orders.size
    return total
  }
}
