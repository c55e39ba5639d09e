import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userTokens } from '../src/shared/user-token'
import type { ChatClient, ChatFrame } from './support/chat-client'
import { bootChatSystem, type RunningChat } from './support/chat-system'

describe.each(runModes())('chat against hostile clients (%s)', (mode) => {
  let system: RunningChat
  beforeAll(async () => {
    system = await bootChatSystem(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  /** A channel with a sender on chat-a and a watcher on chat-b, who records what was broadcast. */
  async function room() {
    const owner = await system.signUp()
    const sender = await system.signUp()
    const socket = await system.chat(0, { channel: owner.name, token: sender.token })
    const watcher = await system.chat(1, { channel: owner.name })
    return { owner, sender, socket, watcher }
  }
  const broadcast = (watcher: ChatClient) => watcher.frames.filter((frame) => frame.type !== 'welcome')
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300))
  const errorFor = (socket: ChatClient, ref: string) => socket.next((frame: ChatFrame) => frame.ref === ref)

  it('refuses the upgrade without a token, with a forged one, and with another deployment’s', async () => {
    const owner = await system.signUp()
    const forged = `${owner.token.slice(0, -4)}AAAA`
    const foreign = userTokens('another deployment secret, 32+ chars').issue({ userId: owner.userId, name: owner.name })
    for (const token of ['', forged, foreign, 'Bearer', 'u_x.y.1.z']) {
      await expect(system.chat(0, { channel: owner.name, token, via: 'header' })).rejects.toMatchObject({ status: 401 })
    }
    await expect(system.chat(1, { channel: owner.name, token: forged, via: 'subprotocol' })).rejects.toMatchObject({
      status: 401,
    })
  })

  it('closes a socket without a well-formed channel with an error that says how to connect', async () => {
    for (const channel of [null, 'NO SPACES', '<script>', 'x']) {
      const socket = await system.chat(0, { channel, welcome: false })
      expect(await socket.next((frame) => frame.type === 'error')).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('?channel='),
      })
      expect((await socket.closed).code).toBe(1008)
    }
  })

  it('answers malformed JSON, unknown frames, unknown fields and wrong types with errors, and stays up', async () => {
    const { socket, watcher, owner } = await room()
    socket.sendRaw('{"type": "send", "text": ')
    expect(await socket.next((frame) => frame.type === 'error')).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'message is not valid JSON',
    })
    const cases: Array<[object, string]> = [
      [{ type: 'shout', text: 'hi' }, 'unknown frame type'],
      [{ type: 'send', text: 'hi', html: '<b>hi</b>' }, "unknown field 'html'"],
      [{ type: 'send', text: 42 }, 'text must be a string'],
      [{ type: 'send', text: ['a'] }, 'text must be a string'],
      [{ type: 'send' }, 'text must be a string'],
      [{ type: 'send', text: '   ' }, 'text is empty'],
      [{ type: 'slow-mode', seconds: '5' }, 'seconds'],
      [{ type: 'ban', user: { name: owner.name } }, 'user'],
      [{ type: 'delete', id: "m_'; DROP TABLE" }, 'message id'],
    ]
    for (const [i, [frame, message]] of cases.entries()) {
      socket.send({ ...frame, ref: `bad-${i}` })
      expect(await errorFor(socket, `bad-${i}`)).toMatchObject({
        type: 'error',
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(message),
      })
    }
    socket.sendRaw(Buffer.from([1, 2, 3]))
    socket.sendRaw('[1, 2]')
    await socket.next((frame) => frame.type === 'error' && String(frame.message).includes('JSON object'))
    await settle()
    expect(broadcast(watcher)).toEqual([])
    // Still up: the same socket chats.
    expect((await socket.say('still here')).type).toBe('ack')
  })

  it('refuses a 10 kB message with PAYLOAD_TOO_LARGE (socket up), and closes a 100 kB frame with 1009', async () => {
    const { socket, watcher } = await room()
    const answer = await socket.say('A'.repeat(10_000), 'big')
    expect(answer).toMatchObject({ type: 'error', code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('500') })
    expect((await socket.say('x'.repeat(500))).type).toBe('ack')
    socket.send({ type: 'send', text: 'B'.repeat(100_000) })
    expect((await socket.closed).code).toBe(1009)
    await settle()
    expect(broadcast(watcher).map((frame) => JSON.stringify(frame.parts).length)).toEqual([
      JSON.stringify([{ type: 'text', text: 'x'.repeat(500) }]).length,
    ])
  })

  it('sends a <script> message to viewers as the characters typed, in a text part, never as markup', async () => {
    const { socket, watcher } = await room()
    const payloads = [
      '<script>alert(document.cookie)</script>',
      '<img src=x onerror=alert(1)>',
      '"><svg/onload=alert(1)>',
    ]
    for (const text of payloads) await socket.say(text)
    for (const text of payloads)
      expect(
        await watcher.next(
          (frame) => frame.type === 'message' && JSON.stringify(frame.parts).includes(text.slice(0, 8)),
        ),
      ).toMatchObject({
        parts: [{ type: 'text', text }],
      })
    expect(Object.keys(broadcast(watcher)[0]!).sort()).toEqual(['at', 'channel', 'id', 'parts', 'type', 'user'])
  })

  it('closes a flooding socket with 1008, broadcasts at most the user’s budget, and serves the next client', async () => {
    const { socket, watcher, sender, owner } = await room()
    for (let i = 0; i < 300; i++) socket.send({ type: 'send', text: `flood ${i}` })
    expect((await socket.closed).code).toBe(1008)
    await settle()
    const flooded = broadcast(watcher).filter((frame) => frame.user === sender.name)
    expect(flooded.length).toBeGreaterThan(0)
    expect(flooded.length).toBeLessThanOrEqual(20)
    // The server is still up for everyone else.
    const fresh = await system.signUp()
    const other = await system.chat(1, { channel: owner.name, token: fresh.token })
    expect((await other.say('hello')).type).toBe('ack')
  })

  it('refuses moderation from anyone but the channel’s owner, and broadcasts nothing', async () => {
    const { socket, watcher, owner } = await room()
    const frames = [
      { type: 'slow-mode', seconds: 30 },
      { type: 'ban', user: owner.name },
      { type: 'unban', user: owner.name },
      { type: 'delete', id: 'm_AAAAAAAAAAAAAAAA' },
    ]
    for (const [i, frame] of frames.entries()) {
      socket.send({ ...frame, ref: `mod-${i}` })
      expect(await errorFor(socket, `mod-${i}`)).toMatchObject({ code: 'PERMISSION_DENIED' })
    }
    await settle()
    expect(broadcast(watcher)).toEqual([])
    expect((await socket.say('no slow mode was set')).type).toBe('ack')
  })
})
