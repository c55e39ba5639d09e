import { unary } from '@wired/grpc'
import type { RecommendationServiceServer } from '@wired/proto/netflix/v1/recommendations'
import { AppError } from '@wired/runtime'
import type { ViewsRepository } from '../adapters/views.repository'

const ID = /^[A-Za-z0-9_-]{1,64}$/

/** RecommendationService over gRPC: RecordView (idempotent per viewer) and Recommend (co-views). */
export function recommendationGrpcHandlers(views: ViewsRepository): RecommendationServiceServer {
  return {
    recordView: unary(async (request) => {
      if (!ID.test(request.viewerId) || !ID.test(request.videoId)) throw new AppError('INVALID_ARGUMENT', 'invalid id')
      await views.record(request.viewerId, request.videoId)
      return {}
    }),
    recommend: unary(async (request) => {
      if (!ID.test(request.videoId)) throw new AppError('INVALID_ARGUMENT', 'invalid video id')
      const limit = Math.min(Math.max(request.limit || 5, 1), 20)
      return { videos: await views.coViewed(request.videoId, limit) }
    }),
  }
}
