/** Who may call whom over gRPC (see @wired/grpc callers.ts): only the api records and asks. */
import type { CallerPolicy } from '@wired/grpc'
import type { RecommendationServiceService } from '@wired/proto/netflix/v1/recommendations'

export const RECOMMENDATION_SERVICE_CALLERS: CallerPolicy<typeof RecommendationServiceService> = {
  recordView: ['api'],
  recommend: ['api'],
}
