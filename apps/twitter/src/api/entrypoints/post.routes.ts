import { ok, requirePrincipal } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { LikesClient, PostsClient } from '../../shared/clients'
import type { HydrationCache } from '../adapters/hydration-cache'
import type { FeedPageCache } from '../adapters/page-cache'
import { postView } from '../use-cases/feed'
import { postIdParams } from './schemas'

/**
 * Likes per second one session may send. A person clicks a few times a second; a script sending
 * a thousand gets 429 with Retry-After and changes nothing past the limit.
 */
export const LIKES_PER_SECOND = 20

/** Posting and liking: forwarded to the post and like services over gRPC. */
export function postRoutes(
  app: FastifyInstance,
  deps: { posts: PostsClient; likes: LikesClient; cache: HydrationCache; pages: FeedPageCache },
  auth: preHandlerAsyncHookHandler,
): void {
  app.post<{ Body: { text: string } }>(
    '/v1/posts',
    {
      preHandler: auth,
      schema: {
        body: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          // The real limit (280 code points) is the post service's; this only stops huge bodies early.
          properties: { text: { type: 'string', maxLength: 2_000 } },
        },
      },
    },
    async (request, reply) => {
      const readerId = requirePrincipal(request).id
      const { post } = await deps.posts.createPost({ authorId: readerId, text: request.body.text })
      deps.pages.forget(readerId)
      const authors = await deps.cache.profilesById([readerId])
      return reply.code(201).send(ok(postView(post!, authors.get(readerId))))
    },
  )

  const likeLimit = {
    max: LIKES_PER_SECOND,
    timeWindow: 1_000,
    // Per session (the bearer token), not per address: readers behind one NAT do not share a limit.
    keyGenerator: (request: { headers: { authorization?: string }; ip: string }) =>
      request.headers.authorization ?? request.ip,
  }
  for (const [method, liked] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const)
    app.route<{ Params: { postId: string } }>({
      method,
      url: '/v1/posts/:postId/like',
      preHandler: auth,
      config: { rateLimit: likeLimit },
      schema: { params: postIdParams },
      handler: async (request) => {
        const request_ = { userId: requirePrincipal(request).id, postId: request.params.postId }
        const { count, changed } = liked ? await deps.likes.like(request_) : await deps.likes.unlike(request_)
        // The reader's next feed shows their own like, not a cached page from before it.
        deps.pages.forget(request_.userId)
        return ok({ postId: request.params.postId, likes: count, likedByMe: liked, changed })
      },
    })

  // The polling fallback's live counters: the counts of the posts on screen.
  app.get<{ Querystring: { postIds: string } }>(
    '/v1/likes',
    {
      preHandler: auth,
      schema: {
        querystring: {
          type: 'object',
          required: ['postIds'],
          additionalProperties: false,
          properties: {
            postIds: { type: 'string', maxLength: 2_000, pattern: '^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17})*$' },
          },
        },
      },
    },
    async (request) => {
      const postIds = request.query.postIds.split(',')
      if (postIds.length > 100) throw new AppError('INVALID_ARGUMENT', 'at most 100 posts', { field: 'postIds' })
      const { counts } = await deps.likes.getCounts({ postIds, viewerId: requirePrincipal(request).id })
      return ok(counts.map((count) => ({ postId: count.postId, likes: count.count, likedByMe: count.likedByViewer })))
    },
  )
}
