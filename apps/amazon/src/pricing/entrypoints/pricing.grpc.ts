import { unary } from '@wired/grpc'
import type { PricingServiceServer } from '@wired/proto/amazon/v1/checkout'
import { AppError } from '@wired/runtime'
import { SKU } from '../../shared/catalog'
import { quote } from '../domain/quote'

/** PricingService over gRPC: the server's price for each line. */
export function pricingGrpcHandlers(): PricingServiceServer {
  return {
    quote: unary(async ({ lines }) => {
      if (lines.length === 0 || lines.length > 20) throw new AppError('INVALID_ARGUMENT', 'a cart has 1-20 lines')
      if (lines.some((line) => !SKU.test(line.sku))) throw new AppError('INVALID_ARGUMENT', 'sku is not a product id')
      return quote(lines)
    }),
  }
}
