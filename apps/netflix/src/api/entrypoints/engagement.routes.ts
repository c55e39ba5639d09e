import { ok, requirePrincipal } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { EngagementRepository } from '../adapters/engagement.repository'
import type { VideoRepository } from '../adapters/video.repository'
import { commentBody, pageQuery, videoIdParams } from './schemas'

type ById = { Params: { id: string } }

/**
 * Likes and comments. A like is PUT on the user's own like: replaying it changes nothing (200
 * with `added: false`). Comment text is stored exactly as sent and escaped by the page when
 * shown (textContent), never here: the store keeps what the user wrote.
 */
export function engagementRoutes(
  app: FastifyInstance,
  deps: { videos: VideoRepository; engagement: EngagementRepository },
  auth: preHandlerAsyncHookHandler,
) {
  const mustExist = async (id: string) => {
    if (!(await deps.videos.find(id))) throw new AppError('NOT_FOUND', 'no such video')
  }

  app.put<ById>('/v1/videos/:id/likes/me', { schema: { params: videoIdParams }, preHandler: auth }, async (request) => {
    await mustExist(request.params.id)
    const added = await deps.engagement.like(request.params.id, requirePrincipal(request).id)
    return ok({ liked: true, added, likes: (await deps.videos.find(request.params.id))!.likes })
  })

  app.delete<ById>(
    '/v1/videos/:id/likes/me',
    { schema: { params: videoIdParams }, preHandler: auth },
    async (request) => {
      await mustExist(request.params.id)
      await deps.engagement.unlike(request.params.id, requirePrincipal(request).id)
      return ok({ liked: false, likes: (await deps.videos.find(request.params.id))!.likes })
    },
  )

  app.post<ById & { Body: { text: string } }>(
    '/v1/videos/:id/comments',
    { schema: { params: videoIdParams, body: commentBody }, preHandler: auth },
    async (request, reply) => {
      await mustExist(request.params.id)
      const comment = await deps.engagement.comment(request.params.id, requirePrincipal(request).id, request.body.text)
      return reply.code(201).send(ok(comment))
    },
  )

  app.get<ById & { Querystring: { before?: string; limit: number } }>(
    '/v1/videos/:id/comments',
    { schema: { params: videoIdParams, querystring: pageQuery } },
    async (request) => {
      await mustExist(request.params.id)
      const page = await deps.engagement.comments(request.params.id, request.query)
      const next = page.length === request.query.limit ? page[page.length - 1]!.id : null
      return ok(page, { next })
    },
  )
}
