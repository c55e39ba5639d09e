import { Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { closed, connect, messages, nextMessage, opened, startGateway, type TestGateway } from './test-support'

let running: TestGateway
afterEach(() => running.stop())

describe('GatewayConnection', () => {
  it('writes the frames a socket gets in one tick with one syscall, and later frames again', async () => {
    running = await startGateway({
      onConnection(connection) {
        connection.onMessage((message) => {
          for (let i = 0; i < 5; i++) connection.send({ type: 'burst', i, of: message.type })
        })
      },
    })
    const client = await opened(connect(running.url))
    // Writes of the server's end of this connection only (its remote port is the client's port).
    const clientPort = (client as unknown as { _socket: Socket })._socket.localPort
    const writes: number[] = []
    const spy = (method: '_write' | '_writev') => {
      const original = Socket.prototype[method] as (...args: unknown[]) => unknown
      return vi.spyOn(Socket.prototype, method).mockImplementation(function (this: Socket, ...args: unknown[]) {
        if (this.remotePort === clientPort) writes.push(method === '_writev' ? (args[0] as unknown[]).length : 1)
        return original.apply(this, args)
      } as never)
    }
    const spies = [spy('_write'), spy('_writev')]
    try {
      let replies = messages(client, 5)
      client.send(JSON.stringify({ type: 'first' }))
      expect((await replies).map((reply) => reply.i)).toEqual([0, 1, 2, 3, 4])
      replies = messages(client, 5)
      client.send(JSON.stringify({ type: 'second' }))
      expect((await replies).map((reply) => reply.of)).toEqual(Array(5).fill('second'))
    } finally {
      for (const each of spies) each.mockRestore()
    }
    // One write per burst, carrying all five frames (each a header and a payload chunk).
    expect(writes).toEqual([10, 10])
  })

  it('answers malformed JSON with an error frame and keeps the connection working', async () => {
    running = await startGateway()
    const client = await opened(connect(running.url))
    const replies = messages(client, 4)
    client.send('{"type": "send", "text": ')
    client.send('[1, 2]')
    client.send(Buffer.from([1, 2, 3]))
    client.send(JSON.stringify({ type: 'send', text: 'still here' }))
    expect(await replies).toEqual([
      { type: 'error', code: 'INVALID_ARGUMENT', message: 'message is not valid JSON' },
      { type: 'error', code: 'INVALID_ARGUMENT', message: 'message must be a JSON object' },
      { type: 'error', code: 'INVALID_ARGUMENT', message: 'binary frames are not supported; send JSON text' },
      { type: 'echo', text: 'still here', from: 'alice' },
    ])
  })

  it('turns a handler AppError into an error frame with its code, and hides other errors', async () => {
    running = await startGateway()
    const client = await opened(connect(running.url))
    const replies = messages(client, 3)
    client.send(JSON.stringify({ type: 'fail', id: 'm1' }))
    client.send(JSON.stringify({ type: 'crash', id: 7 }))
    client.send(JSON.stringify({ type: 'ping' }))
    const [failed, crashed, echoed] = await replies
    expect(failed).toEqual({
      type: 'error',
      code: 'NOT_FOUND',
      message: 'no such chat',
      ref: 'm1',
      details: { chatId: 'c9' },
    })
    expect(crashed).toEqual({ type: 'error', code: 'INTERNAL', message: 'internal error', ref: 7 })
    expect(echoed).toMatchObject({ type: 'echo' })
  })

  it('delivers messages to an async handler one at a time, in arrival order', async () => {
    const handled: number[] = []
    let concurrent = 0
    running = await startGateway({
      onConnection(connection) {
        connection.onMessage(async (message) => {
          concurrent += 1
          expect(concurrent).toBe(1)
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3))
          handled.push(message.n as number)
          concurrent -= 1
          if (handled.length === 40) connection.send({ type: 'done' })
        })
      },
      rateLimit: false,
    })
    const client = await opened(connect(running.url))
    const done = nextMessage(client)
    for (let n = 0; n < 40; n++) client.send(JSON.stringify({ n }))
    await done
    expect(handled).toEqual([...Array(40).keys()])
  })

  it('closes with 1009 when a frame exceeds maxPayload', async () => {
    running = await startGateway({ maxPayload: 1024 })
    const client = await opened(connect(running.url))
    const closing = closed(client)
    client.send(JSON.stringify({ type: 'send', text: 'x'.repeat(1024) }))
    expect((await closing).code).toBe(1009)
  })

  it('closes with 1008 when a client floods past its rate limit', async () => {
    running = await startGateway({ rateLimit: { messages: 5, perMs: 60_000 } })
    const client = await opened(connect(running.url))
    const replies = messages(client, 5)
    const closing = closed(client)
    for (let n = 0; n < 8; n++) client.send(JSON.stringify({ n }))
    expect(await replies).toHaveLength(5)
    expect(await closing).toEqual({ code: 1008, reason: 'rate limit exceeded' })
    await vi.waitFor(() => expect(running.gateway.stats().closedByCode[1008]).toBe(1))
  })
})
