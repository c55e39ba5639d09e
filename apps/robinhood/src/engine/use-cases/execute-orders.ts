import type { OutboxRelay } from '@wired/db/outbox'
import type { Order } from '@wired/proto/robinhood/v1/orders'
import type { Logger } from '@wired/runtime'
import type { ExecutionRepository } from '../adapters/execution.repository'
import type { RestingBook } from '../adapters/resting-book'
import { crosses, decide } from '../domain/execution'

export interface EngineDeps {
  executions: ExecutionRepository
  book: RestingBook
  relay: OutboxRelay
  lastPrice(symbol: string): Promise<number | undefined>
  logger: Logger
}

/** A new order from robinhood.orders: decide at the last price (Redis), record once, announce. */
export async function executeNewOrder(deps: EngineDeps, order: Order): Promise<void> {
  const decision = decide(order, await deps.lastPrice(order.symbol))
  if (!(await deps.executions.decideNew(order, decision))) return // redelivered: decided before
  if (decision.kind !== 'rest') {
    deps.relay.kick()
    return
  }
  deps.book.add(order)
  // A tick that came between the price read above and the book knowing the order was missed;
  // the market writes prices:last before it publishes, so one more read closes that window.
  const now = await deps.lastPrice(order.symbol)
  if (now !== undefined) await onTick(deps, order.symbol, now)
}

/** A cancel request: only a resting order can still be cancelled; a filled one stays filled. */
export async function cancelOrder(deps: EngineDeps, orderId: string, accountId: string): Promise<void> {
  if (await deps.executions.cancelResting({ orderId, accountId }, 'cancelled by the account')) {
    deps.book.remove(orderId)
    deps.relay.kick()
  }
}

/** A tick: every resting order on the symbol that the new price reaches fills at it. */
export async function onTick(deps: EngineDeps, symbol: string, priceCents: number): Promise<void> {
  for (const order of deps.book.on(symbol)) {
    if (!crosses(order.side, order.limitCents, priceCents)) continue
    deps.book.remove(order.orderId)
    try {
      if (await deps.executions.fillResting(order, priceCents)) deps.relay.kick()
    } catch (error) {
      // Still open in PostgreSQL: back in the book, for the next tick to try again.
      deps.book.add(order)
      deps.logger.warn(
        { err: error, orderId: order.orderId },
        'could not fill a resting order; retrying on the next tick',
      )
    }
  }
}
