import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { connect, nextMessage, opened, refusal, startGateway, type TestGateway } from './test-support'

let running: TestGateway
afterEach(() => running.stop())

describe('upgrade handshake', () => {
  it('refuses a missing or invalid token with 401 before the socket opens', async () => {
    running = await startGateway()
    const missing = await refusal(connect(running.url, null))
    expect(missing.status).toBe(401)
    expect(JSON.parse(missing.body).errors[0].code).toBe('UNAUTHENTICATED')
    expect((await refusal(connect(running.url, 'forged'))).status).toBe(401)
    expect(running.gateway.stats()).toMatchObject({ open: 0, accepted: 0, rejected: 2 })
  })

  it('refuses a forbidden principal with 403 and a down verifier with 503', async () => {
    running = await startGateway()
    expect((await refusal(connect(running.url, 'banned'))).status).toBe(403)
    const down = await refusal(connect(running.url, 'down'))
    expect(down.status).toBe(503)
    expect(down.body).not.toContain('identity service')
  })

  it('refuses a foreign Origin with 403 and admits allowed or absent Origins', async () => {
    running = await startGateway()
    const foreign = connect(running.url, 'alice', { headers: { origin: 'https://evil.example' } })
    expect((await refusal(foreign)).status).toBe(403)
    await opened(connect(running.url, 'alice', { headers: { origin: 'https://chat.example' } }))
    await opened(connect(running.url, 'alice'))
    expect(running.gateway.openConnections).toBe(2)
  })

  it('takes a browser token from the subprotocol list and never echoes it back', async () => {
    running = await startGateway()
    const browser = new WebSocket(running.url, ['chat.v1', 'bearer.bob'], {
      headers: { origin: 'https://chat.example' },
    })
    await opened(browser)
    expect(browser.protocol).toBe('chat.v1')
    browser.send(JSON.stringify({ type: 'hello' }))
    expect(await nextMessage(browser)).toEqual({ type: 'echo', from: 'bob' })
  })

  it('answers 404 for another path when no other upgrade listener exists', async () => {
    running = await startGateway()
    expect((await refusal(connect(running.url.replace('/ws', '/other')))).status).toBe(404)
  })
})
