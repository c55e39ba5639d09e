/**
 * Who may call whom, method by method: the allow-lists the gRPC servers enforce (see
 * @wired/grpc callers.ts for how a caller proves its name). Only the api acts for a signed-in
 * account; the order service is the only one that may hold or release buying power.
 */
import type { CallerPolicy } from '@wired/grpc'
import type { OrderServiceService, PortfolioServiceService, RiskServiceService } from '@wired/proto/robinhood/v1/orders'

export const ORDER_SERVICE_CALLERS: CallerPolicy<typeof OrderServiceService> = {
  placeOrder: ['api'],
  cancelOrder: ['api'],
  listOrders: ['api'],
}

export const RISK_SERVICE_CALLERS: CallerPolicy<typeof RiskServiceService> = {
  checkOrder: ['orders'],
}

export const PORTFOLIO_SERVICE_CALLERS: CallerPolicy<typeof PortfolioServiceService> = {
  openAccount: ['api'],
  signIn: ['api'],
  hold: ['orders'],
  release: ['orders'],
  getPortfolio: ['api'],
}
