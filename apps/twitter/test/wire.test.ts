import { hopIs, hopsInOrder, newTraceparent, runModes, waitFor, waitForTrace } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Reader } from './support/reader'
import { bootTwitter, type RunningTwitter } from './support/system'

const is = hopIs

describe.each(runModes())('the wire view (%s)', (mode) => {
  let system: RunningTwitter
  const readers: Reader[] = []

  beforeAll(async () => {
    system = await bootTwitter(mode)
  })
  afterAll(async () => {
    for (const reader of readers) reader.close()
    await system?.stop()
  })

  it('shows a post crossing REST → gRPC → PostgreSQL → Kafka → fan-out → Redis, and Kafka → WebSocket', async () => {
    const [author, follower] = await Promise.all([Reader.signUp(system, 'traced'), Reader.signUp(system, 'tracer')])
    readers.push(author, follower)
    await follower.follow(author)
    await follower.connect()
    const { traceId, traceparent } = newTraceparent()
    const posted = await author.call<{ postId: string }>(
      'POST',
      '/v1/posts',
      { text: 'watch me fan out' },
      { traceparent },
    )
    expect(posted.status).toBe(201)
    await waitFor(() => follower.frames.some((f) => f.type === 'new-post' && f.postId === posted.data.postId), {
      timeoutMs: 10_000,
      what: 'the new-post frame',
    })

    const fanOut = [
      is('http', 'SERVER', /POST \/v1\/posts/, /api/),
      is('grpc', 'CLIENT', 'PostService/CreatePost', /api/),
      is('grpc', 'SERVER', 'PostService/CreatePost', /posts/),
      is('sql', 'CLIENT', /^INSERT /, /posts/),
      is('kafka', 'PRODUCER', /twitter\.posts/, /posts/),
      is('kafka', 'CONSUMER', /twitter\.posts/, /fanout/),
      is('grpc', 'CLIENT', 'UserService/ListFollowers', /fanout/),
      is('redis', 'CLIENT', 'ZADD', /fanout/),
    ]
    const push = [is('kafka', 'CONSUMER', /twitter\.posts/, /push/), is('ws', 'PRODUCER', 'new-post', /push/)]
    const hops = await waitForTrace(
      system.wireUrl,
      traceId,
      (seen) => hopsInOrder(seen, fanOut) && hopsInOrder(seen, push),
    )
    const consumed = hops.find(fanOut[5]!)!
    expect(consumed.tags['messaging.kafka.message.key']).toBe(author.userId)
    expect(consumed.tags['wire.payload']).toContain('watch me fan out')
  })
})
