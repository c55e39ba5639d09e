/** The recommendation service's typed client: a view is recorded off the page's hot path, so 1 s. */
import { type CallerCredentials, createGrpcClient, type GrpcClient } from '@wired/grpc'
import { RecommendationServiceClient, type RecommendationServiceService } from '@wired/proto/netflix/v1/recommendations'

export type RecommendationsClient = GrpcClient<typeof RecommendationServiceService>

export const connectRecommendations = (address: string, caller: CallerCredentials): RecommendationsClient =>
  createGrpcClient(RecommendationServiceClient, address, { deadlineMs: 1_000, caller })
