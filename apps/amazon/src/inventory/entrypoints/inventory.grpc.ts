import { unary } from '@wired/grpc'
import type { InventoryServiceServer } from '@wired/proto/amazon/v1/checkout'
import { AppError } from '@wired/runtime'
import { normalizeLines } from '../../shared/cart-lines'
import { catalogBySku } from '../../shared/catalog'
import type { SalesRepository } from '../adapters/sales.repository'
import type { StockStore } from '../adapters/stock.store'
import { releaseUnlessSold } from '../use-cases/release-unless-sold'

const ORDER_ID = /^ord_[A-Za-z0-9_-]{1,40}$/
/** A confirm needs this long before the reservation's expiry, so the sweeper never races it. */
const CONFIRM_MARGIN_MS = 1_000

const requireOrderId = (value: string) => {
  if (!ORDER_ID.test(value)) throw new AppError('INVALID_ARGUMENT', 'reservationId is not an order id')
  return value
}

/** InventoryService over gRPC: Reserve / Confirm / Release are the Lua scripts; Stock reads both stores. */
export function inventoryGrpcHandlers(
  stock: StockStore,
  sales: SalesRepository,
  options: { reservationTtlMs: number },
): InventoryServiceServer {
  return {
    reserve: unary(async ({ reservationId, lines }) => {
      const orderId = requireOrderId(reservationId)
      const cart = normalizeLines(lines)
      const unknown = cart.find((line) => !catalogBySku.has(line.sku))
      if (unknown) throw new AppError('NOT_FOUND', `no product ${unknown.sku}`)
      const expiresAtMs = Date.now() + options.reservationTtlMs
      const outcome = await stock.reserve(orderId, cart, expiresAtMs)
      if (!outcome.ok)
        throw new AppError('FAILED_PRECONDITION', `${outcome.shortSku} is out of stock`, {
          reason: 'OUT_OF_STOCK',
          sku: outcome.shortSku,
        })
      return { expiresAtMs }
    }),

    // PostgreSQL first, then Redis: a crash in between leaves a recorded sale whose reservation
    // the sweeper finds confirmed and deletes (units stay sold). A reservation this close to its
    // expiry is refused rather than raced against the sweeper.
    confirm: unary(async ({ reservationId }) => {
      const orderId = requireOrderId(reservationId)
      const held = await stock.held(orderId)
      if (held.lines.length === 0 || held.expiresAtMs - Date.now() < CONFIRM_MARGIN_MS) {
        if (await sales.isConfirmed(orderId)) return {}
        throw new AppError('FAILED_PRECONDITION', 'the reservation expired', { reason: 'RESERVATION_EXPIRED' })
      }
      await sales.record(orderId, held.lines)
      await stock.confirm(orderId)
      return {}
    }),

    release: unary(async ({ reservationId }) => ({
      released: await releaseUnlessSold(stock, sales, requireOrderId(reservationId)),
    })),

    stock: unary(async ({ skus }) => {
      if (skus.length > 200) throw new AppError('INVALID_ARGUMENT', 'at most 200 skus')
      const known = skus.filter((sku) => catalogBySku.has(sku))
      const [available, sold] = await Promise.all([stock.available(known), sales.sold(known)])
      return {
        levels: known.map((sku, i) => ({ sku, available: Math.max(0, available[i] ?? 0), sold: sold.get(sku) ?? 0 })),
      }
    }),
  }
}
