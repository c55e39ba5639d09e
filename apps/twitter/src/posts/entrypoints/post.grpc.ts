import { unary } from '@wired/grpc'
import type { PostServiceServer } from '@wired/proto/twitter/v1/posts'
import { AppError } from '@wired/runtime'
import { requireId } from '../../shared/ids'
import { checkPostText } from '../../shared/post-text'
import type { PostOutbox } from '../adapters/post-outbox'
import type { PostStore } from '../adapters/post-store'

const MAX_IDS = 200
const MAX_AUTHORS = 500
const NEWEST = '9223372036854775807'

/** PostService over gRPC: validate → store → outbox. */
export function postGrpcHandlers(store: PostStore, outbox: PostOutbox): PostServiceServer {
  return {
    createPost: unary(async ({ authorId, text }) => {
      const post = await store.create(requireId(authorId, 'authorId'), checkPostText(text))
      outbox.publishSoon(post)
      return { post }
    }),

    getPosts: unary(async ({ postIds }) => {
      if (postIds.length > MAX_IDS) throw new AppError('INVALID_ARGUMENT', `at most ${MAX_IDS} ids`)
      const ids = postIds.map((id) => requireId(id, 'postIds'))
      return { posts: ids.length === 0 ? [] : await store.byIds(ids) }
    }),

    recentByAuthors: unary(async ({ authorIds, beforeId, limit }) => {
      if (authorIds.length > MAX_AUTHORS) throw new AppError('INVALID_ARGUMENT', `at most ${MAX_AUTHORS} authors`)
      if (limit < 1 || limit > 1_000) throw new AppError('INVALID_ARGUMENT', 'limit is 1-1000')
      const authors = authorIds.map((id) => requireId(id, 'authorIds'))
      const before = beforeId === '' ? NEWEST : requireId(beforeId, 'beforeId')
      return { posts: authors.length === 0 ? [] : await store.recentByAuthors(authors, before, limit) }
    }),
  }
}
