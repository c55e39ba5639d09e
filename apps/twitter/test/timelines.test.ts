import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Reader } from './support/reader'
import { bootTwitter, type RunningTwitter } from './support/system'

const newestFirst = (posts: { postId: string }[]) =>
  posts.map((post) => post.postId).sort((a, b) => Number(b) - Number(a))

/**
 * The timelines in Redis are a cache of Kafka: a rebuild (delete them all, replay twitter.posts
 * from its first record) gives back the same timelines, and a fan-out worker killed with -9
 * mid-stream loses no post once it is back.
 */
describe.each(runModes())('timelines as a cache of the post log (%s)', (mode) => {
  let system: RunningTwitter
  const readers: Reader[] = []

  beforeAll(async () => {
    system = await bootTwitter(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  it('rebuilds every timeline identically from a replay of twitter.posts', async () => {
    const authors = await Promise.all(['alpha', 'beta', 'gamma'].map((name) => Reader.signUp(system, name)))
    const followers = await Promise.all(['one', 'two', 'three'].map((name) => Reader.signUp(system, name)))
    readers.push(...authors, ...followers)
    for (const [i, follower] of followers.entries())
      for (const author of authors.slice(0, (i % 3) + 1)) await follower.follow(author)
    const posts = []
    for (let i = 0; i < 12; i += 1) posts.push(await authors[i % 3]!.post(`replayed post ${i}`))
    // Every follower's feed is complete before the checksum is taken.
    for (const [i, follower] of followers.entries()) {
      const followed = new Set(authors.slice(0, (i % 3) + 1).map((author) => author.userId))
      await follower.waitForFeed(newestFirst(posts.filter((post) => followed.has(post.author.userId))))
    }
    const admin = system.timelineAdmin()
    const before = await admin.checksum({})
    // Three authors (their own posts) and three followers; nobody over the celebrity threshold.
    expect(before.timelines).toBeGreaterThanOrEqual(6)

    const rebuild = await admin.rebuild({})
    expect(rebuild.deletedTimelines).toBeGreaterThanOrEqual(before.timelines)
    expect(rebuild.consumerGroup).toMatch(/rebuild-/)
    await waitFor(async () => (await admin.checksum({})).checksum === before.checksum, {
      timeoutMs: 30_000,
      intervalMs: 250,
      what: 'the replayed timelines to match the checksum taken before the rebuild',
    })
    expect(await admin.checksum({})).toEqual(before)
    // And the live fan-out goes on under the new group.
    const after = await authors[0]!.post('after the rebuild')
    await waitFor(async () => (await followers[0]!.wholeFeed())[0]?.postId === after.postId, {
      timeoutMs: 15_000,
      what: 'a post after the rebuild to be fanned out',
    })
  })

  it('loses no post when the fan-out worker is killed with -9 mid-stream', async () => {
    if (!system.processes) throw new Error('this mode cannot kill a service')
    const [author, follower] = await Promise.all([Reader.signUp(system, 'steady'), Reader.signUp(system, 'watcher')])
    await follower.follow(author)
    const posts: { postId: string }[] = []
    const posting = (async () => {
      for (let i = 0; i < 30; i += 1) posts.push(await author.post(`streamed post ${i}`))
    })()
    // Killed while posts stream in: some are fanned out, some in flight, the rest wait on Kafka.
    await waitFor(() => posts.length >= 8, { timeoutMs: 10_000, what: 'the first posts' })
    await system.processes.kill('fanout')
    await posting
    await system.processes.start('fanout')
    await follower.waitForFeed(newestFirst(posts), 30_000)
  })
})
