import { createGrpcClient } from '@wired/grpc'
import { PostServiceClient } from '@wired/proto/twitter/v1/posts'
import { UserServiceClient } from '@wired/proto/twitter/v1/users'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { Reader, rest } from './support/reader'
import { bootTwitter, type RunningTwitter } from './support/system'

/** Every edge refuses what it should, with a clear error, and changes nothing. */
describe.each(runModes())('hostile input (%s)', (mode) => {
  let system: RunningTwitter
  let alice: Reader
  let bob: Reader

  beforeAll(async () => {
    system = await bootTwitter(mode)
    ;[alice, bob] = await Promise.all([Reader.signUp(system, 'alice'), Reader.signUp(system, 'bob')])
    await bob.follow(alice)
    for (let i = 0; i < 21; i += 1) await alice.post(`page filler ${i}`)
    await waitFor(async () => (await bob.feed()).data.nextCursor !== null, {
      timeoutMs: 15_000,
      what: "bob's second page",
    })
  })
  afterAll(async () => {
    alice?.close()
    bob?.close()
    await system?.stop()
  })

  it('refuses a tampered cursor and a cursor from another reader', async () => {
    const cursor = (await bob.feed()).data.nextCursor!
    const [payload, signature] = cursor.split('.')
    const forged = `${Buffer.from('{"u":"1","b":"999999"}').toString('base64url')}.${signature}`
    for (const bad of [forged, `${payload}.AAAAAAAAAAAAAAAAAAAAAA`, 'not-a-cursor', `${cursor}.x`]) {
      const answer = await bob.feed(bad)
      expect(answer.status, bad).toBe(400)
      expect(answer.errors[0]).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/cursor/) })
    }
    const foreign = await alice.feed(cursor)
    expect(foreign.status).toBe(400)
    expect(foreign.errors[0]!.message).toMatch(/another reader/)
  })

  it('refuses empty, oversize and control-character posts, and stores none of them', async () => {
    const before = (await alice.wholeFeed()).length
    for (const [text, message] of [
      ['', /some text/],
      ['   ', /some text/],
      ['x'.repeat(281), /at most 280/],
      ['x'.repeat(10_000), /2000|at most/],
      ['nul\u0000byte', /control/],
    ] as const) {
      const answer = await alice.call('POST', '/v1/posts', { text })
      expect(answer.status, JSON.stringify(text.slice(0, 20))).toBe(400)
      expect(answer.errors[0]!.message).toMatch(message)
    }
    for (const body of [{}, { text: 42 }, { text: 'ok', authorId: '1' }])
      expect((await alice.call('POST', '/v1/posts', body)).status).toBe(400)
    const malformed = await rest(system.apiUrl, 'POST', '/v1/posts', { token: alice.token, rawBody: '{"text": ' })
    expect(malformed.status).toBe(400)
    expect((await alice.wholeFeed()).length).toBe(before)
  })

  it('keeps unicode and HTML in a post as text', async () => {
    const text = '<script>alert(1)</script> & <b>bold</b> 👩‍👩‍👧 e\u0301 日本'
    const post = await alice.post(text)
    expect(post.text).toBe(text)
    // And as it comes back in the feed, once the fan-out wrote it to alice's own timeline.
    await waitFor(async () => (await alice.feed()).data.posts[0]?.text === text, {
      timeoutMs: 10_000,
      what: 'the post at the top of the feed, unchanged',
    })
  })

  it('refuses following yourself, a missing user, and liking a missing post', async () => {
    const self = await alice.call('PUT', `/v1/users/${alice.handle}/follow`)
    expect(self.status).toBe(400)
    expect(self.errors[0]!.message).toMatch(/yourself/)
    expect((await alice.call('PUT', '/v1/users/nobody_here_ever/follow')).status).toBe(404)
    expect((await alice.call('PUT', '/v1/users/%3Cscript%3E/follow')).status).toBe(400)
    const missing = await alice.call('PUT', '/v1/posts/999999999999/like')
    expect(missing.status).toBe(404)
    expect(missing.errors[0]!.message).toMatch(/no such post/)
    expect((await alice.call('PUT', '/v1/posts/abc/like')).status).toBe(400)
    const profile = await bob.call<{ followers: number }>('GET', `/v1/users/${alice.handle}`)
    expect(profile.data.followers).toBe(1)
  })

  it('refuses every write without a valid token', async () => {
    const post = (await alice.feed()).data.posts[0]!
    for (const [method, path, body] of [
      ['POST', '/v1/posts', { text: 'anonymous' }],
      ['PUT', `/v1/posts/${post.postId}/like`, undefined],
      ['PUT', `/v1/users/${alice.handle}/follow`, undefined],
      ['GET', '/v1/feed', undefined],
    ] as const) {
      expect((await rest(system.apiUrl, method, path, { body })).status, `${method} ${path}`).toBe(401)
      expect(
        (await rest(system.apiUrl, method, path, { body, token: 'forged-token' })).status,
        `${method} ${path}`,
      ).toBe(401)
    }
    expect((await alice.call<{ likes: number }[]>('GET', `/v1/likes?postIds=${post.postId}`)).data[0]!.likes).toBe(0)
  })

  it('answers a flood of likes from one session with 429, and counts the like once', async () => {
    const post = await alice.post('flood target')
    // A thousand likes as fast as the client can send them, a hundred at a time.
    const answers = []
    for (let i = 0; i < 10; i += 1)
      answers.push(
        ...(await Promise.all(Array.from({ length: 100 }, () => bob.call('PUT', `/v1/posts/${post.postId}/like`)))),
      )
    const limited = answers.filter((answer) => answer.status === 429)
    expect(limited.length).toBeGreaterThan(800)
    expect(limited[0]!.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(limited[0]!.errors[0]!.code).toBe('RATE_LIMITED')
    const [count] = (await bob.call<{ likes: number }[]>('GET', `/v1/likes?postIds=${post.postId}`)).data
    expect(count!.likes).toBe(1)
  })

  it('refuses a push socket without a token, and bad frames without closing the socket', async () => {
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(system.pushUrl)
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
      socket.on('open', () => resolve(101))
    })
    expect(refused).toBe(401)
    await bob.connect()
    bob.socket!.send('{not json')
    bob.socket!.send(JSON.stringify({ type: 'watch', postIds: ["1' OR '1'='1"] }))
    bob.socket!.send(JSON.stringify({ type: 'watch', postIds: Array.from({ length: 101 }, (_, i) => String(i + 1)) }))
    bob.socket!.send(JSON.stringify({ type: 'shout' }))
    await waitFor(() => bob.frames.filter((frame) => frame.type === 'error').length >= 3, {
      timeoutMs: 5_000,
      what: 'three error frames',
    })
    // Still open and still useful.
    const post = await alice.post('still live')
    await waitFor(() => bob.frames.some((frame) => frame.type === 'new-post' && frame.postId === post.postId), {
      timeoutMs: 10_000,
      what: 'a new-post frame after the bad ones',
    })
  })

  it('refuses gRPC calls from a caller the service does not allow, or without a caller', async () => {
    const asPush = createGrpcClient(PostServiceClient, system.grpc.posts, {
      deadlineMs: 2_000,
      caller: { name: 'push', secret: system.grpcSecret },
    })
    const forged = createGrpcClient(UserServiceClient, system.grpc.users, {
      deadlineMs: 2_000,
      caller: { name: 'api', secret: 'not-the-deployment-secret-0123456789' },
    })
    try {
      await expect(asPush.createPost({ authorId: alice.userId, text: 'as the push gateway' })).rejects.toMatchObject({
        code: 'PERMISSION_DENIED',
      })
      await expect(forged.follow({ followerId: bob.userId, followeeHandle: alice.handle })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      })
    } finally {
      asPush.close()
      forged.close()
    }
  })
})
