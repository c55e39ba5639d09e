/**
 * Typed gRPC clients of the trade path, for their callers: one place that says which deadline
 * each call gets. The whole place → accepted path has a 50 ms target, so the inner calls get
 * tight deadlines: a stalled risk check fails the order fast instead of holding the client.
 */
import { type CallerCredentials, createGrpcClient, type GrpcClient } from '@wired/grpc'
import {
  OrderServiceClient,
  type OrderServiceService,
  PortfolioServiceClient,
  type PortfolioServiceService,
  RiskServiceClient,
  type RiskServiceService,
} from '@wired/proto/robinhood/v1/orders'

export type OrdersClient = GrpcClient<typeof OrderServiceService>
export type RiskClient = GrpcClient<typeof RiskServiceService>
export type PortfolioClient = GrpcClient<typeof PortfolioServiceService>

export const connectOrders = (address: string, caller: CallerCredentials): OrdersClient =>
  createGrpcClient(OrderServiceClient, address, { deadlineMs: 3_000, caller })

export const connectRisk = (address: string, caller: CallerCredentials): RiskClient =>
  createGrpcClient(RiskServiceClient, address, { deadlineMs: 1_000, caller })

/**
 * Hold and Release are one short transaction (1.5 s); the api's calls may include a sign-in,
 * which hashes a password with scrypt on purpose slowly, so it passes a longer deadline.
 */
export const connectPortfolio = (address: string, caller: CallerCredentials, deadlineMs = 1_500): PortfolioClient =>
  createGrpcClient(PortfolioServiceClient, address, { deadlineMs, caller })
