import type { SalesRepository } from '../adapters/sales.repository'
import type { StockStore } from '../adapters/stock.store'

/**
 * Releases a reservation, unless PostgreSQL already has its sale (a confirm that crashed
 * between its two writes): then it only clears the reservation and the units stay sold.
 * Both the Release call and the expiry sweeper go through here.
 */
export async function releaseUnlessSold(stock: StockStore, sales: SalesRepository, orderId: string) {
  if (await sales.isConfirmed(orderId)) {
    await stock.confirm(orderId)
    return false
  }
  return stock.release(orderId)
}
