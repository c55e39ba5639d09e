import type { Post } from '@wired/proto/twitter/v1/posts'
import type { Profile } from '@wired/proto/twitter/v1/users'
import { LRUCache } from 'lru-cache'
import type { PostsClient, UsersClient } from '../../shared/clients'

/**
 * What a feed page is made of, cached in this process by how it changes:
 * - posts never change once written: kept until evicted;
 * - profiles change rarely (a display name, follower counts): kept 10 s;
 * - whom a reader follows: kept 2 s, and dropped at once when they follow through this api;
 * - a celebrity's newest posts: kept 1 s, shared by every reader who follows them (the read-time
 *   half of the hybrid fan-out would otherwise ask the post service once per feed request).
 * Like counts are not cached here: they are the part of a page that moves (the rendered page,
 * counts included, is cached for a second; see page-cache.ts).
 */
/** A TTL spread over 50-150 %, so entries filled together do not expire together. */
const jittered = (ttlMs: number) => Math.round(ttlMs * (0.5 + Math.random()))

export class HydrationCache {
  private readonly posts = new LRUCache<string, Post>({ max: 50_000 })
  private readonly profiles = new LRUCache<string, Profile>({ max: 20_000, ttl: 10_000 })
  private readonly following = new LRUCache<string, { userId: string; followers: number }[]>({
    max: 20_000,
    ttl: 2_000,
  })
  private readonly celebrityPosts = new LRUCache<string, Post[]>({ max: 5_000, ttl: 1_000 })

  constructor(
    private readonly users: UsersClient,
    private readonly postService: PostsClient,
  ) {}

  async followingOf(readerId: string) {
    const cached = this.following.get(readerId)
    if (cached) return cached
    const { following } = await this.users.listFollowing({ userId: readerId })
    this.following.set(readerId, following, { ttl: jittered(2_000) })
    return following
  }

  forgetFollowing(readerId: string): void {
    this.following.delete(readerId)
  }

  /** The newest posts of each celebrity below `beforeId` (the first page is the one cached). */
  async celebrityPostsBefore(authorIds: readonly string[], beforeId: string, limit: number): Promise<Post[]> {
    const lists = await Promise.all(
      authorIds.map(async (authorId) => {
        const key = `${authorId}:${beforeId}:${limit}`
        const cached = this.celebrityPosts.get(key)
        if (cached) return cached
        const { posts } = await this.postService.recentByAuthors({ authorIds: [authorId], beforeId, limit })
        for (const post of posts) this.posts.set(post.postId, post)
        this.celebrityPosts.set(key, posts)
        return posts
      }),
    )
    return lists.flat()
  }

  async postsById(postIds: readonly string[]): Promise<Map<string, Post>> {
    const found = new Map<string, Post>()
    const missing: string[] = []
    for (const id of postIds) {
      const post = this.posts.get(id)
      if (post) found.set(id, post)
      else missing.push(id)
    }
    if (missing.length > 0)
      for (const post of (await this.postService.getPosts({ postIds: missing })).posts) {
        this.posts.set(post.postId, post)
        found.set(post.postId, post)
      }
    return found
  }

  async profilesById(userIds: readonly string[]): Promise<Map<string, Profile>> {
    const found = new Map<string, Profile>()
    const missing: string[] = []
    for (const id of new Set(userIds)) {
      const profile = this.profiles.get(id)
      if (profile) found.set(id, profile)
      else missing.push(id)
    }
    if (missing.length > 0)
      for (const profile of (await this.users.getProfiles({ userIds: missing })).profiles) {
        this.profiles.set(profile.userId, profile, { ttl: jittered(10_000) })
        found.set(profile.userId, profile)
      }
    return found
  }
}
