import type { Logger } from '@wired/runtime'
import type { StockStore } from '../adapters/stock.store'

/**
 * A reservation not confirmed in time (the order service crashed, or payment hung past its
 * deadline and the release was lost) gives its units back: every `everyMs` the sweeper reads
 * the expired ids from reservations:expiring and runs the release script on each. Release and
 * confirm are scripts on the same hash, so a sweep racing a confirm releases nothing twice.
 */
export function startExpirySweep(stock: StockStore, everyMs: number, logger: Logger) {
  let running = false
  const sweep = async () => {
    if (running) return
    running = true
    try {
      for (const orderId of await stock.expired(Date.now())) {
        if (await stock.release(orderId)) logger.info({ orderId }, 'reservation expired; stock released')
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
