import { type EventLog, encodeEvent } from '@wired/events'
import type { Post } from '@wired/proto/twitter/v1/posts'
import type { Logger } from '@wired/runtime'
import { PostCreatedEvent } from '../../shared/topics'
import type { PostStore } from './post-store'

/**
 * Gets every stored post onto twitter.posts at least once. A new post is published at once, in
 * the background of its request (the author does not wait for Kafka); if that fails, or the
 * process dies first, the sweep finds the row still unpublished and sends it. A post may reach
 * Kafka twice; the fan-out's ZADD and the trending counter's seen-set make that harmless.
 */
export class PostOutbox {
  private sweeping = false

  constructor(
    private readonly store: PostStore,
    private readonly eventLog: EventLog,
    private readonly topic: string,
    private readonly logger: Logger,
  ) {}

  /** Called right after the insert; errors are left to the sweep. */
  publishSoon(post: Post): void {
    this.publish([post]).catch((error: unknown) =>
      this.logger.warn({ err: error, postId: post.postId }, 'post not published yet; the outbox sweep retries'),
    )
  }

  /** Publishes what is still unpublished after `graceMs`, in batches; returns how many. */
  async sweep(graceMs: number): Promise<number> {
    if (this.sweeping) return 0
    this.sweeping = true
    try {
      let total = 0
      for (;;) {
        const posts = await this.store.unpublished(graceMs, 500)
        if (posts.length === 0) return total
        await this.publish(posts)
        total += posts.length
      }
    } finally {
      this.sweeping = false
    }
  }

  private async publish(posts: Post[]): Promise<void> {
    await this.eventLog.publish(
      this.topic,
      posts.map((post) => ({ key: post.authorId, ...encodeEvent(PostCreatedEvent, { post }) })),
    )
    await this.store.markPublished(posts.map((post) => post.postId))
  }
}
