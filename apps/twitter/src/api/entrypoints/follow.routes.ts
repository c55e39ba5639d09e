import { ok, requirePrincipal } from '@wired/http'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import { isCelebrity } from '../../shared/celebrity'
import type { UsersClient } from '../../shared/clients'
import type { HydrationCache } from '../adapters/hydration-cache'
import type { FeedPageCache } from '../adapters/page-cache'
import { handleParams } from './schemas'

/** Profiles, follow and unfollow: forwarded to the user service over gRPC. */
export function followRoutes(
  app: FastifyInstance,
  deps: { users: UsersClient; cache: HydrationCache; pages: FeedPageCache; celebrityThreshold: number },
  auth: preHandlerAsyncHookHandler,
): void {
  const profileView = (profile: {
    userId: string
    handle: string
    displayName: string
    followers: number
    following: number
  }) => ({
    ...profile,
    celebrity: isCelebrity(profile.followers, deps.celebrityThreshold),
  })

  app.get<{ Params: { handle: string } }>(
    '/v1/users/:handle',
    { preHandler: auth, schema: { params: handleParams } },
    async (request) => {
      const { profile, followedByViewer } = await deps.users.getByHandle({
        handle: request.params.handle,
        viewerId: requirePrincipal(request).id,
      })
      return ok({ ...profileView(profile!), followedByMe: followedByViewer })
    },
  )

  for (const [method, following] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const)
    app.route<{ Params: { handle: string } }>({
      method,
      url: '/v1/users/:handle/follow',
      preHandler: auth,
      schema: { params: handleParams },
      handler: async (request) => {
        const readerId = requirePrincipal(request).id
        const change = { followerId: readerId, followeeHandle: request.params.handle }
        const { followee, changed } = following ? await deps.users.follow(change) : await deps.users.unfollow(change)
        // This reader's next feed must reflect it at once (the fan-out backfills the timeline).
        deps.cache.forgetFollowing(readerId)
        deps.pages.forget(readerId)
        return ok({ ...profileView(followee!), followedByMe: following, changed })
      },
    })
}
