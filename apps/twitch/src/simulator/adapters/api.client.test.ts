import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from './api.client'

/** The two answers of the api the overrides touch, as the api gives them: host addresses. */
const server = createServer((request, response) => {
  response.setHeader('content-type', 'application/json')
  if (request.method === 'POST' && request.url === '/api/streams')
    return response.end(JSON.stringify({ data: { rtmpUrl: 'rtmp://localhost:1935/live', streamKey: 'live_demo_k' } }))
  if (request.url === '/api/streams/demo')
    return response.end(JSON.stringify({ data: { chatUrls: ['ws://localhost:8131/chat'] } }))
  response.statusCode = 404
  response.end('{}')
})

describe('the simulator api client', () => {
  let url = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("uses the api's addresses unless told where it reaches RTMP and chat itself (compose)", async () => {
    const plain = apiClient(url)
    expect(await plain.streamKey('t')).toEqual({ rtmpUrl: 'rtmp://localhost:1935/live', streamKey: 'live_demo_k' })
    expect(await plain.chatUrls('demo')).toEqual(['ws://localhost:8131/chat'])

    const inCompose = apiClient(url, {
      rtmpUrl: 'rtmp://twitch-ingest:1935/live',
      chatUrls: ['ws://twitch-chat-a:8131/chat'],
    })
    expect(await inCompose.streamKey('t')).toEqual({
      rtmpUrl: 'rtmp://twitch-ingest:1935/live',
      streamKey: 'live_demo_k',
    })
    expect(await inCompose.chatUrls('demo')).toEqual(['ws://twitch-chat-a:8131/chat'])
  })
})
