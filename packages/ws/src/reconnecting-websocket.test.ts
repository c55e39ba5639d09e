import { afterEach, describe, expect, it, vi } from 'vitest'
import { ReconnectingWebSocket } from './reconnecting-websocket'
import { startGateway, type TestGateway } from './test-support'

let running: TestGateway | undefined
let client: ReconnectingWebSocket | undefined
afterEach(async () => {
  client?.close()
  await running?.stop()
})

describe('ReconnectingWebSocket', () => {
  it('reconnects after the server restarts, resumes first, then flushes what was queued', async () => {
    running = await startGateway()
    const port = running.port
    const seen: unknown[] = []
    let lastSeq = 0
    client = new ReconnectingWebSocket(running.url, {
      headers: { authorization: 'Bearer alice' },
      minDelayMs: 20,
      maxDelayMs: 100,
      onOpen: (socket) => socket.send({ type: 'resume', afterSeq: lastSeq }),
      onMessage: (message) => {
        seen.push(message)
        lastSeq += 1
      },
    })
    await vi.waitFor(() => expect(seen).toEqual([{ type: 'echo', afterSeq: 0, from: 'alice' }]))

    await running.stop() // clients get 1001 and start backing off
    running = undefined
    expect(client.connected).toBe(false)
    expect(client.send({ type: 'send', text: 'written while offline' })).toBe(true)

    const frames: Array<Record<string, unknown>> = []
    running = await startGateway(
      { onConnection: (connection) => connection.onMessage((m) => void frames.push(m)) },
      port,
    )
    await vi.waitFor(() => expect(frames).toHaveLength(2), { timeout: 3_000 })
    expect(frames).toEqual([
      { type: 'resume', afterSeq: 1 },
      { type: 'send', text: 'written while offline' },
    ])
    expect(client.opens).toBe(2)
  })

  it('bounds the offline queue', async () => {
    client = new ReconnectingWebSocket('ws://127.0.0.1:9/ws', { maxQueued: 2, minDelayMs: 1_000 })
    expect([client.send({ n: 1 }), client.send({ n: 2 }), client.send({ n: 3 })]).toEqual([true, true, false])
  })

  it('gives up when the handshake is refused with 401', async () => {
    running = await startGateway()
    const closes: Array<{ code: number; status?: number }> = []
    client = new ReconnectingWebSocket(running.url, {
      headers: { authorization: 'Bearer forged' },
      minDelayMs: 5,
      onClose: (event) => closes.push(event),
    })
    await vi.waitFor(() => expect(closes).toHaveLength(1))
    await new Promise((resolve) => setTimeout(resolve, 100)) // twenty backoff ceilings
    expect(closes).toEqual([{ code: 1006, reason: '', status: 401 }])
    expect(running.gateway.stats().rejected).toBe(1)
  })
})
