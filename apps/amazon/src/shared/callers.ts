/**
 * Who may call whom, method by method (see @wired/grpc callers.ts): only the api acts for a
 * signed-in customer; only the order service reserves stock, asks for prices and charges cards.
 */
import type { CallerPolicy } from '@wired/grpc'
import type {
  InventoryServiceService,
  OrderServiceService,
  PaymentServiceService,
  PricingServiceService,
} from '@wired/proto/amazon/v1/checkout'

export const ORDER_SERVICE_CALLERS: CallerPolicy<typeof OrderServiceService> = {
  checkout: ['api'],
  getOrder: ['api'],
  listOrders: ['api'],
}

export const INVENTORY_SERVICE_CALLERS: CallerPolicy<typeof InventoryServiceService> = {
  reserve: ['orders'],
  confirm: ['orders'],
  release: ['orders'],
  stock: ['api', 'orders'],
}

export const PRICING_SERVICE_CALLERS: CallerPolicy<typeof PricingServiceService> = { quote: ['orders'] }

export const PAYMENT_SERVICE_CALLERS: CallerPolicy<typeof PaymentServiceService> = { charge: ['orders'] }
