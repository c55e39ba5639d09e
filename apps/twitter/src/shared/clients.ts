/**
 * Typed gRPC clients of the scenario's services, for their callers: one place that says which
 * deadline each caller gets. Every call carries one, so a stalled service cannot hang a feed
 * request; each caller names itself (callers.ts says what it may call).
 */
import { type CallerCredentials, createGrpcClient, type GrpcClient } from '@wired/grpc'
import { LikeServiceClient, type LikeServiceService } from '@wired/proto/twitter/v1/likes'
import { PostServiceClient, type PostServiceService } from '@wired/proto/twitter/v1/posts'
import { TimelineAdminServiceClient, type TimelineAdminServiceService } from '@wired/proto/twitter/v1/timelines'
import { UserServiceClient, type UserServiceService } from '@wired/proto/twitter/v1/users'

export type UsersClient = GrpcClient<typeof UserServiceService>
export type PostsClient = GrpcClient<typeof PostServiceService>
export type LikesClient = GrpcClient<typeof LikeServiceService>
export type TimelineAdminClient = GrpcClient<typeof TimelineAdminServiceService>

export const connectUsers = (address: string, caller: CallerCredentials): UsersClient =>
  createGrpcClient(UserServiceClient, address, { deadlineMs: 2_000, caller })

/** CreatePost waits for PostgreSQL only (Kafka comes from the outbox), so 2 s is plenty. */
export const connectPosts = (address: string, caller: CallerCredentials): PostsClient =>
  createGrpcClient(PostServiceClient, address, { deadlineMs: 2_000, caller })

export const connectLikes = (address: string, caller: CallerCredentials): LikesClient =>
  createGrpcClient(LikeServiceClient, address, { deadlineMs: 2_000, caller })

export const connectTimelineAdmin = (address: string, caller: CallerCredentials): TimelineAdminClient =>
  createGrpcClient(TimelineAdminServiceClient, address, { deadlineMs: 10_000, caller })
