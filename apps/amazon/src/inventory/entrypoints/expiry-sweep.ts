import type { Logger } from '@wired/runtime'
import type { SalesRepository } from '../adapters/sales.repository'
import type { StockStore } from '../adapters/stock.store'
import { releaseUnlessSold } from '../use-cases/release-unless-sold'

/**
 * A reservation not confirmed in time (the order service crashed, or payment hung past its
 * deadline and the release was lost) gives its units back: every `everyMs` the sweeper reads
 * the expired ids from reservations:expiring and runs the release script on each, unless
 * PostgreSQL already recorded the sale (a crash between the two writes of a confirm): then the
 * reservation is only cleared and the units stay sold.
 */
export function startExpirySweep(stock: StockStore, sales: SalesRepository, everyMs: number, logger: Logger) {
  let running = false
  const sweep = async () => {
    if (running) return
    running = true
    try {
      for (const orderId of await stock.expired(Date.now())) {
        if (await releaseUnlessSold(stock, sales, orderId))
          logger.info({ orderId }, 'reservation expired; stock released')
      }
    } catch (error) {
      logger.warn({ err: error }, 'expiry sweep failed; next round retries')
    } finally {
      running = false
    }
  }
  const timer = setInterval(sweep, everyMs)
  return () => clearInterval(timer)
}
