/**
 * Typed gRPC clients of the scenario's services, for their callers: one place that says which
 * deadline each caller gets. Every call carries a deadline (an RPC without one can hang a
 * gateway socket forever when a downstream service stalls).
 */
import { createGrpcClient, type GrpcClient } from '@wired/grpc'
import { MessageServiceClient, type MessageServiceService } from '@wired/proto/whatsapp/v1/message'
import { NotificationServiceClient, type NotificationServiceService } from '@wired/proto/whatsapp/v1/notification'
import { UserServiceClient, type UserServiceService } from '@wired/proto/whatsapp/v1/users'

/**
 * grpc-js backs off up to 120 s between reconnect attempts to a dead server; inside one
 * deployment a restarted service is back in seconds, so callers retry sooner.
 */
const channelOptions = { 'grpc.initial_reconnect_backoff_ms': 200, 'grpc.max_reconnect_backoff_ms': 2_000 }

export type UsersClient = GrpcClient<typeof UserServiceService>
export type MessageClient = GrpcClient<typeof MessageServiceService>
export type NotificationClient = GrpcClient<typeof NotificationServiceService>

export const connectUsers = (address: string): UsersClient =>
  createGrpcClient(UserServiceClient, address, { deadlineMs: 2_000, channelOptions })

/**
 * SendMessages waits for PostgreSQL and for Kafka's acks from every in-sync replica; 5 s covers
 * a broker leader election. The client retries with the same clientMessageId after that.
 */
export const connectMessages = (address: string): MessageClient =>
  createGrpcClient(MessageServiceClient, address, { deadlineMs: 5_000, channelOptions })

export const connectNotifications = (address: string): NotificationClient =>
  createGrpcClient(NotificationServiceClient, address, { deadlineMs: 2_000, channelOptions })
