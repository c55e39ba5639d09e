import { unary } from '@wired/grpc'
import type { RiskServiceServer } from '@wired/proto/robinhood/v1/orders'
import type { RedisClient } from '@wired/redis'
import { AppError } from '@wired/runtime'
import type { MarketKeys } from '../../shared/market-feed'
import { checkOrder } from '../domain/pre-trade-checks'

/** RiskService over gRPC: one HGET of the last price (Redis prices:last), then the pure checks. */
export function riskGrpcHandlers(redis: RedisClient, keys: MarketKeys): RiskServiceServer {
  return {
    checkOrder: unary(async (order) => {
      const last = await redis.hget(keys.lastPrices, order.symbol.slice(0, 12))
      const lastPriceCents = last === null ? undefined : Number(last)
      const result = checkOrder(order, lastPriceCents)
      if (!result.ok) throw new AppError(result.code, result.message, { rule: result.rule })
      return { lastPriceCents: lastPriceCents as number }
    }),
  }
}
