/**
 * Typed gRPC clients of the checkout path, with the deadline each call gets. The checkout's
 * target is p99 < 200 ms end to end, so inner calls get tight deadlines: a stalled payment
 * fails the checkout (and releases its stock) instead of holding the customer and the units.
 * The api gives the whole checkout 10 s: room for the order service to ride out an inventory
 * restart (it retries Reserve and Confirm, both keyed by the order id, for up to 6 s).
 */
import { type CallerCredentials, createGrpcClient, type GrpcClient } from '@wired/grpc'
import {
  InventoryServiceClient,
  type InventoryServiceService,
  OrderServiceClient,
  type OrderServiceService,
  PaymentServiceClient,
  type PaymentServiceService,
  PricingServiceClient,
  type PricingServiceService,
} from '@wired/proto/amazon/v1/checkout'

export type OrdersClient = GrpcClient<typeof OrderServiceService>
export type InventoryClient = GrpcClient<typeof InventoryServiceService>
export type PricingClient = GrpcClient<typeof PricingServiceService>
export type PaymentClient = GrpcClient<typeof PaymentServiceService>

export const connectOrders = (address: string, caller: CallerCredentials): OrdersClient =>
  createGrpcClient(OrderServiceClient, address, { deadlineMs: 10_000, caller })

export const connectInventory = (address: string, caller: CallerCredentials): InventoryClient =>
  createGrpcClient(InventoryServiceClient, address, { deadlineMs: 1_000, caller })

export const connectPricing = (address: string, caller: CallerCredentials): PricingClient =>
  createGrpcClient(PricingServiceClient, address, { deadlineMs: 500, caller })

/** A card network is slow on a good day: 1.5 s, past which the order gives up and releases stock. */
export const connectPayment = (address: string, caller: CallerCredentials, deadlineMs = 1_500): PaymentClient =>
  createGrpcClient(PaymentServiceClient, address, { deadlineMs, caller })
