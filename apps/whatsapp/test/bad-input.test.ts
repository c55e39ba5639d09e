import { randomUUID } from 'node:crypto'
import { refusedFor, runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectMessages } from '../src/shared/clients'
import { type Chatter, conversationOf, signUp } from './support/chatter'
import { RawSocket } from './support/raw-socket'
import { count } from './support/sql'
import { bootSystem, type RunningSystem } from './support/system'

describe.each(runModes())('bad input is refused and changes nothing (%s)', (mode) => {
  let system: RunningSystem
  let wsUrl: string
  let alice: Chatter
  let bob: Chatter
  let conversationId: string
  const sockets: RawSocket[] = []
  const open = async (token: string | undefined, headers?: Record<string, string>) => {
    const socket = await RawSocket.open(wsUrl, token, headers)
    sockets.push(socket)
    await socket.nextFrame('ready')
    return socket
  }
  const storedBy = (userId: string) =>
    count(system, 'SELECT count(*) AS n FROM wa_messages.messages WHERE sender_id = $1', [userId])

  beforeAll(async () => {
    system = await bootSystem(mode)
    wsUrl = system.gateways[0]!.wsUrl
    alice = await signUp(system, 'alice')
    bob = await signUp(system, 'bob')
    conversationId = await conversationOf(alice, [bob])
    // A bystander conversation that must keep working through everything below.
    bob.connect(system.gateways[1]!.wsUrl)
    await bob.ready()
  })
  afterAll(async () => {
    for (const socket of sockets) socket.close()
    bob?.close()
    await system?.stop()
  })

  it('refuses the upgrade without a token (401), with a wrong one (401), and from a foreign Origin (403)', async () => {
    await expect(RawSocket.open(wsUrl, undefined)).rejects.toMatchObject({ status: 401 })
    await expect(RawSocket.open(wsUrl, 'forged-token')).rejects.toMatchObject({ status: 401 })
    await expect(RawSocket.open(wsUrl, alice.token, { origin: 'https://evil.example' })).rejects.toMatchObject({
      status: 403,
    })
    // The gateway's own page is welcome.
    const own = await open(alice.token, { origin: system.gateways[0]!.httpUrl })
    own.close()
  })

  it('answers malformed and unknown frames with an error frame and keeps the socket open', async () => {
    const socket = await open(alice.token)
    socket.send('{"type":"send",')
    expect(await socket.nextFrame('error')).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'message is not valid JSON',
    })
    socket.send({ type: 'teleport', to: 'mars' })
    expect(await socket.nextFrame('error')).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/unknown frame type 'teleport'/),
    })
    socket.send({ type: 'send', conversationId, clientMessageId: 'bad-fields-1', text: 42 })
    expect(await socket.nextFrame('error')).toMatchObject({ code: 'INVALID_ARGUMENT', ref: 'bad-fields-1' })
    socket.send({ type: 'send', conversationId: 'general', clientMessageId: 'bad-fields-2', text: 'hi' })
    expect(await socket.nextFrame('error')).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'conversationId must be a UUID',
    })
    socket.send(Buffer.from([1, 2, 3]))
    expect(await socket.nextFrame('error')).toMatchObject({ code: 'INVALID_ARGUMENT' })
    socket.send({ type: 'send', conversationId, clientMessageId: 'too-long-01', text: 'x'.repeat(4097) })
    expect(await socket.nextFrame('error')).toMatchObject({ code: 'INVALID_ARGUMENT', ref: 'too-long-01' })
    expect(await storedBy(alice.userId)).toBe(0)

    // Still open, still useful.
    socket.send({ type: 'send', conversationId, clientMessageId: randomUUID(), text: 'still here' })
    expect(await socket.nextFrame('ack')).toMatchObject({ message: { text: 'still here' } })
    expect(await storedBy(alice.userId)).toBe(1)
  })

  it('refuses to post into a conversation the user is not in, and stores nothing', async () => {
    const mallory = await signUp(system, 'mallory')
    const socket = await open(mallory.token)
    socket.send({ type: 'send', conversationId, clientMessageId: 'sneaky-0001', text: 'let me in' })
    expect(await socket.nextFrame('error')).toMatchObject({ code: 'PERMISSION_DENIED', ref: 'sneaky-0001' })
    socket.send({ type: 'read', conversationId, seq: 1 })
    expect(await socket.nextFrame('error')).toMatchObject({ code: 'PERMISSION_DENIED' })
    socket.send({ type: 'typing', conversationId })
    expect(await socket.nextFrame('error')).toMatchObject({ code: 'PERMISSION_DENIED' })
    socket.send({ type: 'send', conversationId: randomUUID(), clientMessageId: 'nowhere-01', text: 'hello?' })
    expect(await socket.nextFrame('error')).toMatchObject({ code: 'NOT_FOUND', ref: 'nowhere-01' })
    expect(await storedBy(mallory.userId)).toBe(0)
  })

  it('refuses control characters in text (but not \\n and \\t) at the gateway and at the message service', async () => {
    const carol = await signUp(system, 'carol')
    const chat = await conversationOf(carol, [bob])
    const socket = await open(carol.token)
    const controls = { 'nul-char-01': 'a\u0000b', 'bell-char-01': 'ring\u0007', 'escape-char-01': '\u001b[31mred' }
    for (const [ref, text] of Object.entries(controls)) {
      socket.send({ type: 'send', conversationId: chat, clientMessageId: ref, text })
      expect(await socket.nextFrame('error')).toMatchObject({
        code: 'INVALID_ARGUMENT',
        ref,
        message: expect.stringMatching(/^text contains control character U\+00/),
        details: { field: 'text' },
      })
    }
    // A gRPC caller (a gateway with a bug, say) skips the gateway's check; the message service makes it again.
    const messages = connectMessages(system.messageAddress, { name: 'gateway', secret: system.grpcSecret })
    try {
      const send = { senderId: carol.userId, conversationId: chat, clientMessageId: 'nul-rpc-01', text: 'a\u0000b' }
      const [refused] = (await messages.sendMessages({ sends: [send] })).outcomes
      expect(refused?.outcome).toMatchObject({ $case: 'error', value: { code: 'INVALID_ARGUMENT' } })
      expect(refused?.outcome?.$case === 'error' && JSON.parse(refused.outcome.value.detailsJson)).toEqual({
        field: 'text',
      })
    } finally {
      messages.close()
    }
    expect(await storedBy(carol.userId)).toBe(0)

    socket.send({ type: 'send', conversationId: chat, clientMessageId: 'tab-newline-01', text: 'one\n\ttwo' })
    expect(await socket.nextFrame('ack')).toMatchObject({ message: { text: 'one\n\ttwo' } })
  })

  it('counts the text limit in code points: 4,096 emoji pass, 4,097 do not', async () => {
    const dave = await signUp(system, 'dave')
    const chat = await conversationOf(dave, [bob])
    const socket = await open(dave.token)
    const send = (clientMessageId: string, text: string) =>
      socket.send({ type: 'send', conversationId: chat, clientMessageId, text })
    // 2,100 emoji are 4,200 UTF-16 code units: over 4,096 if code units were counted.
    send('emoji-2100-01', '😀'.repeat(2100))
    expect(((await socket.nextFrame('ack')).message as { text: string }).text).toBe('😀'.repeat(2100))
    send('emoji-4096-01', '😀'.repeat(4096))
    expect(await socket.nextFrame('ack')).toMatchObject({ clientMessageId: 'emoji-4096-01' })
    send('plain-4096-01', 'x'.repeat(4096))
    expect(await socket.nextFrame('ack')).toMatchObject({ clientMessageId: 'plain-4096-01' })
    send('emoji-4097-01', '😀'.repeat(4097))
    expect(await socket.nextFrame('error')).toMatchObject({
      code: 'INVALID_ARGUMENT',
      ref: 'emoji-4097-01',
      message: expect.stringMatching(/longer than 4096 characters/),
      details: { field: 'text' },
    })
    expect(await storedBy(dave.userId)).toBe(3)
  })

  it('refuses a clientMessageId reused in another conversation; a resend in the same one gets the original ack', async () => {
    const erin = await signUp(system, 'erin')
    const withBob = await conversationOf(erin, [bob])
    const withAlice = await conversationOf(erin, [alice])
    const socket = await open(erin.token)
    const original = { type: 'send', conversationId: withBob, clientMessageId: 'reused-id-01', text: 'to bob' }
    socket.send(original)
    const ack = await socket.nextFrame('ack')

    socket.send({ ...original, conversationId: withAlice, text: 'to alice' })
    expect(await socket.nextFrame('error')).toMatchObject({
      code: 'ALREADY_EXISTS',
      ref: 'reused-id-01',
      message: expect.stringMatching(/clientMessageId reused-id-01 was already used in another conversation/),
      details: { field: 'clientMessageId' },
    })
    socket.send(original)
    expect(await socket.nextFrame('ack')).toEqual(ack)
    expect(await storedBy(erin.userId)).toBe(1)
    expect(
      await count(system, 'SELECT count(*) AS n FROM wa_messages.messages WHERE conversation_id = $1', [withAlice]),
    ).toBe(0)
  })

  it('refuses wrong types and unknown fields in REST bodies and query strings with a 400 naming the field', async () => {
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const headers: Record<string, string> = {}
      if (body !== undefined) headers['content-type'] = 'application/json'
      if (token !== undefined) headers.authorization = `Bearer ${token}`
      const response = await fetch(`${system.apiUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: response.status, ...((await response.json()) as { errors: unknown[] }) }
    }
    const users = () => count(system, 'SELECT count(*) AS n FROM wa_users.users')
    const before = await users()

    // A number is not a handle (it used to become the handle "123456"), and nobody is an admin.
    expect(await call('POST', '/v1/sessions', { handle: 123456, password: 'long-enough' })).toMatchObject(
      refusedFor('body/handle'),
    )
    expect(
      await call('POST', '/v1/sessions', { handle: 'intruder', password: 'long-enough', admin: true }),
    ).toMatchObject(refusedFor('body/admin'))
    expect(await users()).toBe(before)

    // "false" is a string, not a boolean: the setting stays as it was.
    expect(await call('PATCH', '/v1/me/settings', { readReceipts: 'false' }, alice.token)).toMatchObject(
      refusedFor('body/readReceipts'),
    )
    expect(await call('GET', '/v1/me', undefined, alice.token)).toMatchObject({
      status: 200,
      data: { settings: { readReceipts: true } },
    })
    // A NUL in a name used to reach PostgreSQL and come back as a 500; the profile stays as it was.
    expect(await call('PATCH', '/v1/me', { displayName: 'a\u0000b' }, alice.token)).toMatchObject({
      status: 400,
      errors: [{ code: 'INVALID_ARGUMENT', details: { field: 'displayName' } }],
    })
    expect(await call('PATCH', '/v1/me', { about: 'bell\u0007' }, alice.token)).toMatchObject({ status: 400 })
    expect(await call('GET', '/v1/me', undefined, alice.token)).toMatchObject({
      data: { user: { displayName: alice.user.displayName, about: '' } },
    })
    // One id is not a list of ids (it used to be wrapped into one).
    expect(await call('POST', '/v1/conversations', { memberIds: bob.userId }, alice.token)).toMatchObject(
      refusedFor('body/memberIds'),
    )

    // A query string is text on the wire: "?limit=2" is still the number 2.
    const messages = `/v1/conversations/${conversationId}/messages`
    expect(await call('GET', `${messages}?limit=2`, undefined, alice.token)).toMatchObject({ status: 200 })
    expect(await call('GET', `${messages}?limit=two`, undefined, alice.token)).toMatchObject(
      refusedFor('querystring/limit'),
    )
    expect(await call('GET', `${messages}?limit=2&admin=1`, undefined, alice.token)).toMatchObject(
      refusedFor('querystring/admin'),
    )
  })

  it('refuses media that the media service did not issue, so no recipient fetches a third party', async () => {
    const stored = await storedBy(alice.userId)
    const socket = await open(alice.token)
    for (const [ref, url] of [
      ['tracker-01', 'https://tracker.example/pixel.png?who=bob'],
      ['tracker-02', `${system.apiUrl}/v1/other/7d1c5c3e-2b1a-4c7e-9f0a-1c2d3e4f5a6b`],
    ]) {
      socket.send({ type: 'send', conversationId, clientMessageId: ref, media: { url, contentType: 'image/png' } })
      expect(await socket.nextFrame('error')).toMatchObject({
        code: 'INVALID_ARGUMENT',
        ref,
        message: expect.stringMatching(/media service issued/),
        details: { field: 'media.url' },
      })
    }
    expect(await storedBy(alice.userId)).toBe(stored)
  })

  it('closes an oversize frame with 1009 and a flood with 1008', async () => {
    // Counted before the bad frames, so the last line proves neither of them stored anything.
    const stored = await storedBy(alice.userId)
    const big = await open(alice.token)
    big.send({ type: 'send', conversationId, clientMessageId: 'oversize-01', text: 'x'.repeat(70 * 1024) })
    expect((await big.closed).code).toBe(1009)

    const flood = await open(alice.token)
    for (let i = 0; i < 200; i++) flood.send({ type: 'typing', conversationId })
    expect((await flood.closed).code).toBe(1008)

    // Everyone else is still served: bob sends and alice, on a fresh socket, receives.
    const fresh = await open(alice.token)
    await bob.client.send(conversationId, { text: 'are you ok?' })
    expect(await fresh.nextFrame('message')).toMatchObject({ message: { text: 'are you ok?' } })
    expect(await storedBy(alice.userId)).toBe(stored)
  })
})
