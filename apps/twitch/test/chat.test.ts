import { decodeEvent } from '@wired/events'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatMessagePostedEvent } from '../src/shared/topics'
import type { ChatFrame } from './support/chat-client'
import { bootChatSystem, type RunningChat } from './support/chat-system'

describe.each(runModes())('chat across two servers (%s)', (mode) => {
  let system: RunningChat
  beforeAll(async () => {
    system = await bootChatSystem(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  /** A channel with its owner, and a viewer signed in on the other chat server. */
  async function channelWithViewer() {
    const owner = await system.signUp()
    const viewer = await system.signUp()
    const ownerSocket = await system.chat(0, { channel: owner.name, token: owner.token })
    const viewerSocket = await system.chat(1, { channel: owner.name, token: viewer.token, via: 'subprotocol' })
    return { owner, viewer, ownerSocket, viewerSocket, channel: owner.name }
  }
  const fromUser = (user: string) => (frame: ChatFrame) => frame.type === 'message' && frame.user === user

  it('delivers a message to viewers on both servers, emotes as structured parts and markup as plain text', async () => {
    const { owner, viewer, ownerSocket, viewerSocket, channel } = await channelWithViewer()
    expect(ownerSocket.frames[0]).toMatchObject({ type: 'welcome', server: 'chat-a', channel, user: owner.name })
    expect(viewerSocket.frames[0]).toMatchObject({ type: 'welcome', server: 'chat-b', user: viewer.name })
    const anonymous = await system.chat(1, { channel, via: 'subprotocol' })

    const ack = await viewerSocket.say('hi :Kappa: <b>bold</b> :Unknown:')
    expect(ack).toMatchObject({ type: 'ack', id: expect.stringMatching(/^m_/) })
    for (const socket of [ownerSocket, viewerSocket, anonymous]) {
      expect(await socket.next(fromUser(viewer.name))).toEqual({
        type: 'message',
        channel,
        id: ack.id,
        user: viewer.name,
        at: expect.any(Number),
        parts: [
          { type: 'text', text: 'hi ' },
          { type: 'emote', name: 'Kappa' },
          { type: 'text', text: ' <b>bold</b> :Unknown:' },
        ],
      })
    }
    // And back the other way, from chat-a to chat-b.
    await ownerSocket.say('welcome!')
    expect((await viewerSocket.next(fromUser(owner.name))).parts).toEqual([{ type: 'text', text: 'welcome!' }])
    // An anonymous socket reads but cannot write.
    expect(await anonymous.say('me too')).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' })
  })

  it('slow mode: the owner sets it, both servers learn it, a viewer waits between messages, the owner does not', async () => {
    const { viewer, ownerSocket, viewerSocket } = await channelWithViewer()
    ownerSocket.send({ type: 'slow-mode', seconds: 2, ref: 'slow' })
    expect(await ownerSocket.next((frame) => frame.ref === 'slow')).toMatchObject({ type: 'ack' })
    expect(await viewerSocket.next((frame) => frame.type === 'slow-mode')).toMatchObject({ seconds: 2 })

    expect((await viewerSocket.say('first')).type).toBe('ack')
    const refused = await viewerSocket.say('second, too soon')
    expect(refused).toMatchObject({ type: 'error', code: 'RATE_LIMITED', details: { reason: 'slow-mode' } })
    expect(refused.retryAfterMs).toBeGreaterThan(0)
    expect(refused.retryAfterMs).toBeLessThanOrEqual(2_000)
    expect((await ownerSocket.say('owner 1')).type).toBe('ack')
    expect((await ownerSocket.say('owner 2')).type).toBe('ack')

    await new Promise((resolve) => setTimeout(resolve, (refused.retryAfterMs as number) + 50))
    expect((await viewerSocket.say('third, after the wait')).type).toBe('ack')
    await ownerSocket.next((frame) => frame.type === 'message' && JSON.stringify(frame.parts).includes('third'))
    const texts = ownerSocket.frames.filter(fromUser(viewer.name)).map((frame) => JSON.stringify(frame.parts))
    expect(texts.some((text) => text.includes('too soon'))).toBe(false)

    ownerSocket.send({ type: 'slow-mode', seconds: 0, ref: 'off' })
    await viewerSocket.next((frame) => frame.type === 'slow-mode' && frame.seconds === 0)
    expect((await viewerSocket.say('free again')).type).toBe('ack')
  })

  it('rate-limits a user across both servers: past 20 per window RATE_LIMITED, and nothing of it is broadcast', async () => {
    const { owner, viewer, viewerSocket } = await channelWithViewer()
    const second = await system.chat(0, { channel: owner.name, token: viewer.token })
    const watcher = await system.chat(0, { channel: owner.name })
    // 15 lines on each of the user's two sockets (one per server): one budget of 20 in Redis.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? viewerSocket : second).say(`line ${i}`, `flood-${i}`)),
    )
    const acked = answers.filter((answer) => answer.type === 'ack')
    const limited = answers.filter((answer) => answer.code === 'RATE_LIMITED')
    expect(acked).toHaveLength(20)
    expect(limited).toHaveLength(10)
    expect(limited[0]).toMatchObject({ details: { reason: 'rate-limit' }, retryAfterMs: expect.any(Number) })
    await waitFor(() => watcher.frames.filter(fromUser(viewer.name)).length >= 20, { what: '20 messages' })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(
      watcher.frames
        .filter(fromUser(viewer.name))
        .map((frame) => frame.id)
        .sort(),
    ).toEqual(acked.map((answer) => answer.id).sort())
  })

  it('lets the owner delete a message for everyone, and nobody else', async () => {
    const { viewer, ownerSocket, viewerSocket } = await channelWithViewer()
    const ack = await viewerSocket.say('regrettable')
    viewerSocket.send({ type: 'delete', id: ack.id, ref: 'mine' })
    expect(await viewerSocket.next((frame) => frame.ref === 'mine')).toMatchObject({ code: 'PERMISSION_DENIED' })
    ownerSocket.send({ type: 'delete', id: ack.id, ref: 'del' })
    expect(await ownerSocket.next((frame) => frame.ref === 'del')).toMatchObject({ type: 'ack' })
    for (const socket of [ownerSocket, viewerSocket]) {
      expect(await socket.next((frame) => frame.type === 'deleted')).toMatchObject({ id: ack.id })
      expect(socket.frames.filter((frame) => frame.type === 'deleted')).toHaveLength(1)
    }
    expect(viewer.name).toBeTruthy()
  })

  it('ban: closes the user’s sockets on both servers, refuses a reconnect until unbanned', async () => {
    const { owner, viewer, ownerSocket, viewerSocket } = await channelWithViewer()
    const onA = await system.chat(0, { channel: owner.name, token: viewer.token })
    viewerSocket.send({ type: 'ban', user: owner.name, ref: 'coup' })
    expect(await viewerSocket.next((frame) => frame.ref === 'coup')).toMatchObject({ code: 'PERMISSION_DENIED' })

    ownerSocket.send({ type: 'ban', user: viewer.name, ref: 'ban' })
    expect(await ownerSocket.next((frame) => frame.ref === 'ban')).toMatchObject({ type: 'ack' })
    expect(await ownerSocket.next((frame) => frame.type === 'banned')).toMatchObject({ user: viewer.name })
    expect((await viewerSocket.closed).code).toBe(4003)
    expect((await onA.closed).code).toBe(4003)
    for (const server of [0, 1] as const)
      await expect(system.chat(server, { channel: owner.name, token: viewer.token })).rejects.toMatchObject({
        status: 403,
      })
    // Another channel is not affected, and reading anonymously still works.
    const elsewhere = await system.chat(1, { channel: viewer.name, token: viewer.token })
    expect((await elsewhere.say('my own channel')).type).toBe('ack')

    ownerSocket.send({ type: 'unban', user: viewer.name, ref: 'unban' })
    await ownerSocket.next((frame) => frame.ref === 'unban')
    const back = await system.chat(1, { channel: owner.name, token: viewer.token })
    expect((await back.say('sorry')).type).toBe('ack')
  })

  it('counts a channel’s viewers across both servers in the stream info', async () => {
    const owner = await system.signUp()
    const viewers = async () =>
      (await system.request<{ viewers: number }>('GET', `/api/streams/${owner.name}`)).body.data?.viewers
    expect(await viewers()).toBe(0)
    const sockets = await Promise.all([
      system.chat(0, { channel: owner.name, token: owner.token }),
      system.chat(0, { channel: owner.name }),
      system.chat(1, { channel: owner.name }),
    ])
    expect(await viewers()).toBe(3)
    await sockets[2]!.close()
    await waitFor(async () => (await viewers()) === 2, { what: 'two viewers' })
  })

  it('writes one ChatMessagePosted per accepted message to Kafka, none for a refused one', async () => {
    const seen = await system.record(system.topics.chatMessages)
    const { viewer, viewerSocket, ownerSocket, channel } = await channelWithViewer()
    const accepted = [await viewerSocket.say('one'), await ownerSocket.say('two :LUL:')]
    expect((await viewerSocket.say('x'.repeat(501))).code).toBe('PAYLOAD_TOO_LARGE')
    const mine = () =>
      seen.map((record) => decodeEvent(ChatMessagePostedEvent, record)).filter((event) => event.channel === channel)
    await waitFor(() => mine().length >= 2, { what: 'two records', timeoutMs: 20_000 })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(
      mine()
        .map((event) => event.messageId)
        .sort(),
    ).toEqual(accepted.map((ack) => ack.id).sort())
    expect(mine().find((event) => event.user === viewer.name)).toMatchObject({ textLength: 3, server: 'chat-b' })
    expect(seen.find((record) => decodeEvent(ChatMessagePostedEvent, record).channel === channel)?.key).toBe(channel)
  })
})
