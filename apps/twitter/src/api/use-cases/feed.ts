import type { Post } from '@wired/proto/twitter/v1/posts'
import type { Profile } from '@wired/proto/twitter/v1/users'
import { isCelebrity } from '../../shared/celebrity'
import type { LikesClient } from '../../shared/clients'
import type { HydrationCache } from '../adapters/hydration-cache'
import type { TimelineReader } from '../adapters/timeline-reader'
import { compareIds, mergeNewestFirst } from '../domain/feed-merge'

export interface PostView {
  postId: string
  text: string
  createdAt: string
  author: { userId: string; handle: string; displayName: string }
  likes: number
  likedByMe: boolean
}

export interface FeedPage {
  posts: PostView[]
  /** The id of the page's last post, for the next page; undefined at the end. */
  lastId: string | undefined
}

/**
 * A page of a reader's home feed: the hybrid fan-out's read side. The cached timeline (Redis)
 * holds the ordinary authors' posts; the celebrities among those the reader follows are merged
 * in now; then the page is hydrated over gRPC: posts (post service), authors (user service),
 * like counts (like service).
 */
export class FeedReader {
  constructor(
    private readonly timelines: TimelineReader,
    private readonly cache: HydrationCache,
    private readonly likes: LikesClient,
    private readonly celebrityThreshold: number,
    private readonly pageSize: number,
  ) {}

  async page(readerId: string, beforeId: string | undefined): Promise<FeedPage> {
    const [timeline, celebrities] = await Promise.all([
      this.timelines.before(readerId, beforeId, this.pageSize),
      this.celebritiesFollowedBy(readerId),
    ])
    const celebrityPosts =
      celebrities.length === 0 ? [] : await this.cache.celebrityPostsBefore(celebrities, beforeId ?? '', this.pageSize)
    const ids = mergeNewestFirst(
      timeline,
      celebrityPosts.map((post) => post.postId),
      this.pageSize,
    )
    const posts = await this.hydrate(readerId, ids)
    return { posts, lastId: ids.length === this.pageSize ? ids.at(-1) : undefined }
  }

  /** How many posts newer than `sinceId` the feed would show now (the polling fallback's banner). */
  async newPostCount(readerId: string, sinceId: string): Promise<number> {
    const limit = 100
    const [timeline, celebrities] = await Promise.all([
      this.timelines.newerThan(readerId, sinceId, limit),
      this.celebritiesFollowedBy(readerId),
    ])
    const fresh = (await this.cache.celebrityPostsBefore(celebrities, '', limit))
      .map((post) => post.postId)
      .filter((id) => compareIds(id, sinceId) > 0)
    return new Set([...timeline, ...fresh]).size
  }

  private async celebritiesFollowedBy(readerId: string): Promise<string[]> {
    const following = await this.cache.followingOf(readerId)
    return following.filter((followee) => isCelebrity(followee.followers, this.celebrityThreshold)).map((f) => f.userId)
  }

  private async hydrate(readerId: string, ids: string[]): Promise<PostView[]> {
    if (ids.length === 0) return []
    const [posts, { counts }] = await Promise.all([
      this.cache.postsById(ids),
      this.likes.getCounts({ postIds: ids, viewerId: readerId }),
    ])
    const authors = await this.cache.profilesById([...posts.values()].map((post) => post.authorId))
    const countOf = new Map(counts.map((count) => [count.postId, count]))
    return ids.flatMap((id) => {
      const post = posts.get(id)
      return post ? [postView(post, authors.get(post.authorId), countOf.get(id))] : []
    })
  }
}

export function postView(
  post: Post,
  author: Profile | undefined,
  likes?: { count: number; likedByViewer: boolean },
): PostView {
  return {
    postId: post.postId,
    text: post.text,
    createdAt: new Date(post.createdAtMs).toISOString(),
    author: { userId: post.authorId, handle: author?.handle ?? '', displayName: author?.displayName ?? '' },
    likes: likes?.count ?? 0,
    likedByMe: likes?.likedByViewer ?? false,
  }
}
