import type { Logger } from '@wired/runtime'
import type { PortfolioClient } from '../../shared/clients'
import type { OrderRepository } from '../adapters/order.repository'

/**
 * The other half of placing an order: an order still NEW after `graceMs` was interrupted between
 * its hold and its acceptance (a crash, a timed-out Hold call). Its hold, if any, is released
 * (Release is idempotent) and the order removed, so no buying power stays locked by an order
 * that never reached the market. Returns how many it cleared.
 */
export async function sweepStuckOrders(
  orders: OrderRepository,
  portfolio: PortfolioClient,
  graceMs: number,
  logger: Logger,
): Promise<number> {
  const stuck = await orders.stuckNew(graceMs)
  for (const orderId of stuck) {
    await portfolio.release({ orderId })
    await orders.deleteNew(orderId)
    logger.info({ orderId }, 'released the hold of an order that was never accepted')
  }
  return stuck.length
}
