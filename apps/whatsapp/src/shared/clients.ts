/**
 * Typed gRPC clients of the scenario's services, for their callers: one place that says which
 * deadline each caller gets. Each caller names itself (shared/callers.ts says what it may call). Every call carries a deadline (an RPC without one can hang a
 * gateway socket forever when a downstream service stalls).
 */
import { type CallerCredentials, createGrpcClient, type GrpcClient } from '@wired/grpc'
import { MessageServiceClient, type MessageServiceService } from '@wired/proto/whatsapp/v1/message'
import { NotificationServiceClient, type NotificationServiceService } from '@wired/proto/whatsapp/v1/notification'
import { UserServiceClient, type UserServiceService } from '@wired/proto/whatsapp/v1/users'

export type UsersClient = GrpcClient<typeof UserServiceService>
export type MessageClient = GrpcClient<typeof MessageServiceService>
export type NotificationClient = GrpcClient<typeof NotificationServiceService>

export const connectUsers = (address: string, caller: CallerCredentials): UsersClient =>
  createGrpcClient(UserServiceClient, address, { deadlineMs: 2_000, caller })

/**
 * SendMessages waits for PostgreSQL and for Kafka's acks from every in-sync replica; 5 s covers
 * a broker leader election. The client retries with the same clientMessageId after that.
 */
export const connectMessages = (address: string, caller: CallerCredentials): MessageClient =>
  createGrpcClient(MessageServiceClient, address, { deadlineMs: 5_000, caller })

export const connectNotifications = (address: string, caller: CallerCredentials): NotificationClient =>
  createGrpcClient(NotificationServiceClient, address, { deadlineMs: 2_000, caller })
