import { afterEach, describe, expect, it, vi } from 'vitest'
import { closed, connect, opened, startGateway, type TestGateway } from './test-support'

let running: TestGateway
afterEach(() => running.stop())

describe('createWsGateway', () => {
  it('terminates a peer that stops answering pings and keeps a healthy one', async () => {
    running = await startGateway({ heartbeatMs: 40 })
    // `ws` clients answer pings automatically; autoPong: false makes this one a dead peer
    // (a phone that lost its network looks exactly like this from the server's side).
    const dead = await opened(connect(running.url, 'alice', { autoPong: false }))
    const healthy = await opened(connect(running.url, 'bob'))
    const deadClosed = closed(dead)
    await vi.waitFor(() => expect(running.gateway.stats().heartbeatTimeouts).toBe(1), { timeout: 2_000 })
    expect((await deadClosed).code).toBe(1006) // terminated: no close frame was sent
    await new Promise((resolve) => setTimeout(resolve, 200)) // five more sweeps
    expect(healthy.readyState).toBe(healthy.OPEN)
    expect(running.gateway.openConnections).toBe(1)
  })

  it('drops a slow consumer with 1013 instead of buffering without bound', async () => {
    running = await startGateway({ maxBufferedBytes: 256 * 1024, closeTimeoutMs: 200 })
    const reader = await opened(connect(running.url))
    reader.pause() // stops reading: the kernel buffers fill, then the server's bufferedAmount grows
    const [connection] = running.connections
    const chunk = { type: 'history', text: 'x'.repeat(64 * 1024) }
    let sent = 0
    while (sent < 2_000 && connection?.send(chunk)) sent += 1
    expect(sent).toBeLessThan(2_000) // the kernel took a few MB, the bound the rest
    expect(connection?.send(chunk)).toBe(false)
    await vi.waitFor(() => expect(running.closeCodes).toEqual([1013]), { timeout: 2_000 })
    expect(running.gateway.openConnections).toBe(0)
  })

  it('closes every socket with 1001 on shutdown and stops accepting', async () => {
    running = await startGateway()
    const clients = await Promise.all([opened(connect(running.url)), opened(connect(running.url, 'bob'))])
    const closings = clients.map(closed)
    await running.gateway.close()
    expect((await Promise.all(closings)).map((event) => event.code)).toEqual([1001, 1001])
    expect(running.gateway.stats()).toMatchObject({ open: 0, accepted: 2, closedByCode: { 1001: 2 } })
  })
})
