import { createRedis } from '@wired/redis'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Reader } from './support/reader'
import { bootTwitter, type RunningTwitter, TEST_CELEBRITY_THRESHOLD } from './support/system'

const ids = (posts: { postId: string }[]) => posts.map((post) => post.postId)
const newestFirst = (posts: { postId: string }[]) => ids(posts).sort((a, b) => Number(b) - Number(a))

describe.each(runModes())('the home feed (%s)', (mode) => {
  let system: RunningTwitter
  const readers: Reader[] = []
  const reader = async (name: string) => {
    const created = await Reader.signUp(system, name)
    readers.push(created)
    return created
  }

  beforeAll(async () => {
    system = await bootTwitter(mode)
  })
  afterAll(async () => {
    for (const r of readers) r.close()
    await system?.stop()
  })

  it("fans an ordinary author's post out to followers, pages with a cursor, and answers 304 when nothing changed", async () => {
    const [author, follower, stranger] = await Promise.all([reader('author'), reader('follower'), reader('stranger')])
    await follower.follow(author)
    const posts = []
    for (let i = 0; i < 23; i += 1) posts.push(await author.post(`post number ${i} #feedtest`))
    const feed = await follower.waitForFeed(newestFirst(posts))
    expect(feed[0]).toMatchObject({ text: 'post number 22 #feedtest', author: { handle: author.handle }, likes: 0 })
    expect(await stranger.wholeFeed()).toEqual([])

    // Two pages: 20, then 3 and no next cursor.
    const first = await follower.feed()
    expect(first.data.posts).toHaveLength(20)
    const second = await follower.feed(first.data.nextCursor!)
    expect(ids(second.data.posts)).toEqual(newestFirst(posts).slice(20))
    expect(second.data.nextCursor).toBeNull()

    // HTTP caching: a private page, revalidated with its ETag.
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/".+"$/)
    const again = await follower.call('GET', '/v1/feed', undefined, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    // Pages are kept in memory for FEED_CACHE_MS (1 s): a like by someone else shows within it.
    await stranger.call('PUT', `/v1/posts/${posts[22]!.postId}/like`)
    let changed = again
    await waitFor(
      async () => {
        changed = await follower.call('GET', '/v1/feed', undefined, { 'if-none-match': etag })
        return changed.status === 200
      },
      { timeoutMs: 5_000, intervalMs: 100, what: 'the page to change after a like' },
    )
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect(changed.headers.get('x-feed-cache')).toBe('miss')
    const cached = await follower.call('GET', '/v1/feed')
    expect(cached.headers.get('x-feed-cache')).toBe('hit')
    expect(cached.headers.get('etag')).toBe(changed.headers.get('etag'))
  })

  it("merges a celebrity's posts at read time, and the feed reads the same as fan-out on write", async () => {
    const [celebrity, ordinary, me, ...fans] = await Promise.all(
      ['celeb', 'ordinary', 'me', ...Array.from({ length: TEST_CELEBRITY_THRESHOLD }, (_, i) => `fan${i}`)].map(reader),
    )
    // The celebrity gets more followers than the threshold; the ordinary author just one.
    await Promise.all([...fans, me].map((fan) => fan!.follow(celebrity!)))
    await me!.follow(ordinary!)
    const profile = await me!.call<{ celebrity: boolean; followers: number }>('GET', `/v1/users/${celebrity!.handle}`)
    expect(profile.data).toMatchObject({ celebrity: true, followers: TEST_CELEBRITY_THRESHOLD + 1 })

    const posts = []
    for (let i = 0; i < 6; i += 1) posts.push(await (i % 2 ? celebrity! : ordinary!).post(`interleaved ${i}`))
    posts.push(await me!.post('my own post'))
    // One feed, newest first, whichever way each post reached it.
    await me!.waitForFeed(newestFirst(posts))

    if (system.redis) {
      // Read-time merge, shown: the celebrity's posts are in no timeline but their own.
      const redis = system.twins?.redis ?? createRedis(system.redis.url)
      const cached = await redis.zrevrange(`${system.redis.keyPrefix}timeline:${me!.userId}`, 0, -1)
      expect(cached.sort()).toEqual(ids(posts.filter((post) => post.author.handle !== celebrity!.handle)).sort())
      if (!system.twins) redis.disconnect()
    }
  })

  it('backfills a followed author and takes their posts out on unfollow', async () => {
    const [author, late] = await Promise.all([reader('older'), reader('late')])
    const posts = [await author.post('before you followed'), await author.post('me too')]
    await late.follow(author)
    await late.waitForFeed(newestFirst(posts))
    expect((await late.call('DELETE', `/v1/users/${author.handle}/follow`)).status).toBe(200)
    await late.waitForFeed([])
  })

  it('counts a like once, however often it is sent, and unlikes', async () => {
    const [author, fan] = await Promise.all([reader('liked'), reader('liker')])
    const post = await author.post('like me')
    for (let i = 0; i < 3; i += 1) {
      const liked = await fan.call<{ likes: number; changed: boolean }>('PUT', `/v1/posts/${post.postId}/like`)
      expect(liked.data).toMatchObject({ likes: 1, changed: i === 0 })
    }
    const unliked = await fan.call<{ likes: number }>('DELETE', `/v1/posts/${post.postId}/like`)
    expect(unliked.data.likes).toBe(0)
  })

  it('tells online followers about new posts and moves like counters live over WebSocket', async () => {
    const [author, online, liker] = await Promise.all([reader('live'), reader('online'), reader('clicker')])
    await online.follow(author)
    await online.connect()
    const post = await author.post('you should hear about this')
    await waitFor(() => online.frames.some((f) => f.type === 'new-post' && f.postId === post.postId), {
      timeoutMs: 10_000,
      what: 'the new-post frame',
    })
    online.watch([post.postId])
    // The watch frame and the like race; like until the counter frame arrives.
    await waitFor(
      async () => {
        await liker.call('PUT', `/v1/posts/${post.postId}/like`)
        return online.frames.some((f) => f.type === 'likes' && f.postId === post.postId && f.count === 1)
      },
      { timeoutMs: 10_000, intervalMs: 300, what: 'the live like counter' },
    )
  })

  // The top 50: on a deployment with the simulator running, its tags fill the top 10.
  it('counts hash tags in the trending window', async () => {
    const author = await reader('tagger')
    const tag = `wired${Date.now().toString(36)}`
    for (let i = 0; i < 3; i += 1) await author.post(`#${tag} number ${i} and #Other${tag}`)
    await waitFor(
      async () => {
        const { data } = await author.call<{ tag: string; count: number }[]>('GET', '/v1/trending?limit=50')
        return data.some((entry) => entry.tag === tag && entry.count === 3)
      },
      { timeoutMs: 15_000, intervalMs: 200, what: `#${tag} trending with 3` },
    )
  })
})
