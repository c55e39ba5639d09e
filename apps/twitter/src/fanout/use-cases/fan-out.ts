import type { FollowChanged } from '@wired/proto/twitter/v1/events'
import type { Post } from '@wired/proto/twitter/v1/posts'
import { isCelebrity } from '../../shared/celebrity'
import type { PostsClient, UsersClient } from '../../shared/clients'
import type { TimelineStore } from '../adapters/timeline-store'
import { FOLLOWER_PAGE, TIMELINE_LENGTH } from '../domain/timeline'

/**
 * Fan-out on write, for ordinary authors: a new post goes into the author's own timeline and
 * every follower's. A celebrity's post goes only into their own: their followers' feeds merge it
 * in at read time (see the api's feed). Returns how many timelines were written.
 */
export function fanOutPosts(users: UsersClient, timelines: TimelineStore, celebrityThreshold: number) {
  return async (post: Post): Promise<number> => {
    await timelines.addToMany([post.authorId], post.postId)
    let written = 1
    let after = ''
    for (;;) {
      const page = await users.listFollowers({ userId: post.authorId, afterUserId: after, limit: FOLLOWER_PAGE })
      if (isCelebrity(page.total, celebrityThreshold)) return written
      await timelines.addToMany(page.followerIds, post.postId)
      written += page.followerIds.length
      if (page.followerIds.length < FOLLOWER_PAGE) return written
      after = page.followerIds.at(-1)!
    }
  }
}

/**
 * A follow backfills the followee's recent posts into the follower's timeline, and an unfollow
 * takes them out, so a timeline always equals "the newest posts of the ordinary authors I
 * follow": the same thing a replay of twitter.posts computes (which is why a rebuild matches).
 */
export function applyFollowChanges(posts: PostsClient, timelines: TimelineStore, celebrityThreshold: number) {
  return async (change: FollowChanged): Promise<void> => {
    const { posts: recent } = await posts.recentByAuthors({
      authorIds: [change.followeeId],
      beforeId: '',
      limit: TIMELINE_LENGTH,
    })
    const ids = recent.map((post) => post.postId)
    if (!change.following) await timelines.removeMany(change.followerId, ids)
    else if (!isCelebrity(change.followeeFollowers, celebrityThreshold)) await timelines.addMany(change.followerId, ids)
  }
}
