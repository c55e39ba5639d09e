import { randomUUID } from 'node:crypto'
import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
