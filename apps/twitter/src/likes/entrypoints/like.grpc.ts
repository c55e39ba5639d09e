import { unary } from '@wired/grpc'
import type { LikeChanged } from '@wired/proto/twitter/v1/events'
import type { LikeServiceServer } from '@wired/proto/twitter/v1/likes'
import { AppError, type Logger } from '@wired/runtime'
import type { PostsClient } from '../../shared/clients'
import { requireId } from '../../shared/ids'
import type { LikeStore } from '../adapters/like-store'

const MAX_IDS = 200

/** LikeService over gRPC: validate → does the post exist (PostService) → store → Kafka. */
export function likeGrpcHandlers(
  store: LikeStore,
  posts: PostsClient,
  publish: (change: LikeChanged) => Promise<void>,
  logger: Logger,
): LikeServiceServer {
  /** Post ids never change owner or disappear, so one that existed once exists: cache the yes. */
  const known = new Set<string>()
  async function requirePost(postId: string) {
    if (known.has(postId)) return
    const { posts: found } = await posts.getPosts({ postIds: [postId] })
    if (found.length === 0) throw new AppError('NOT_FOUND', 'no such post', { postId })
    if (known.size > 100_000) known.clear()
    known.add(postId)
  }

  async function change(userId: string, postId: string, liked: boolean) {
    const user = requireId(userId, 'userId')
    const post = requireId(postId, 'postId')
    await requirePost(post)
    const { count, changed } = await store.setLike(user, post, liked)
    if (changed)
      await publish({ postId: post, userId: user, liked, count }).catch((error: unknown) =>
        logger.warn({ err: error, postId: post }, 'like stored, live counters not told'),
      )
    return { count, liked, changed }
  }

  return {
    like: unary(({ userId, postId }) => change(userId, postId, true)),
    unlike: unary(({ userId, postId }) => change(userId, postId, false)),
    getCounts: unary(async ({ postIds, viewerId }) => {
      if (postIds.length > MAX_IDS) throw new AppError('INVALID_ARGUMENT', `at most ${MAX_IDS} ids`)
      const ids = postIds.map((id) => requireId(id, 'postIds'))
      const viewer = viewerId === '' ? undefined : requireId(viewerId, 'viewerId')
      return { counts: ids.length === 0 ? [] : await store.counts(ids, viewer) }
    }),
  }
}
