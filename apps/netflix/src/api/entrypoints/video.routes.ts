import { ok, requirePrincipal } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { RecommendationsClient } from '../../shared/clients'
import type { VideoRepository, VideoRow } from '../adapters/video.repository'
import { videoIdParams } from './schemas'

type ById = { Params: { id: string } }

/** Metadata, views and recommendations. Playback URLs point at the edge, never the origin. */
export function videoRoutes(
  app: FastifyInstance,
  deps: { videos: VideoRepository; recommendations: RecommendationsClient; edgeUrl: string },
  auth: preHandlerAsyncHookHandler,
) {
  const view = (video: VideoRow) => ({
    ...video,
    playbackUrl: video.state === 'ready' ? `${deps.edgeUrl}/videos/${video.id}/master.m3u8` : null,
    thumbnailUrl: video.thumbnailKey && video.state === 'ready' ? `${deps.edgeUrl}/${video.thumbnailKey}` : null,
  })
  const found = async (id: string) => {
    const video = await deps.videos.find(id)
    if (!video) throw new AppError('NOT_FOUND', 'no such video')
    return video
  }

  app.get('/v1/videos', async () => ok((await deps.videos.list({ readyOnly: true, limit: 50 })).map(view)))

  // The studio's list: the caller's own videos in every state, so it can follow the pipeline.
  app.get('/v1/me/videos', { preHandler: auth }, async (request) =>
    ok((await deps.videos.list({ ownerId: requirePrincipal(request).id, readyOnly: false, limit: 50 })).map(view)),
  )

  app.get<ById>('/v1/videos/:id', { schema: { params: videoIdParams } }, async (request) =>
    ok(view(await found(request.params.id))),
  )

  // A view counts every time (views are not likes), and feeds the co-view graph once per viewer.
  app.post<ById>(
    '/v1/videos/:id/views',
    { schema: { params: videoIdParams }, preHandler: auth },
    async (request, reply) => {
      const video = await found(request.params.id)
      await deps.videos.countView(video.id)
      await deps.recommendations.recordView({ viewerId: requirePrincipal(request).id, videoId: video.id })
      return reply.code(202).send(ok({ videoId: video.id }))
    },
  )

  app.get<ById>('/v1/videos/:id/recommendations', { schema: { params: videoIdParams } }, async (request) => {
    const { videos } = await deps.recommendations.recommend({ videoId: request.params.id, limit: 5 })
    const rows = await Promise.all(
      videos.map(async (r) => ({ video: await deps.videos.find(r.videoId), coViews: r.coViews })),
    )
    return ok(rows.filter((r) => r.video?.state === 'ready').map((r) => ({ ...view(r.video!), coViews: r.coViews })))
  })
}
