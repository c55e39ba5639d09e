import { randomBytes } from 'node:crypto'
import type { Logger } from '@wired/runtime'
import WebSocket from 'ws'
import type { ApiClient } from '../adapters/api.client'
import { chatLine, type SimTally } from '../domain/chat-lines'
import { pause } from './run-test-stream'

/**
 * One simulated viewer: signs up, joins a live channel on one of the two chat servers (chatter i
 * on server i mod 2, so both carry traffic and Redis pub/sub has something to relay) and says a
 * line every few seconds. When the socket closes (stream over, server restart) it picks again.
 */
export async function runChatter(
  index: number,
  deps: {
    api: ApiClient
    everyMs: number
    random: () => number
    tally: () => SimTally
    connected: Set<number>
    logger: Logger
    signal: AbortSignal
  },
): Promise<void> {
  const { api, signal } = deps
  let user: { name: string; token: string } | undefined
  while (!user && !signal.aborted) {
    user = await api.signUp(`viewer_${randomBytes(4).toString('hex')}`).catch(() => undefined)
    if (!user) await pause(2_000, signal)
  }
  while (!signal.aborted && user) {
    const channels = await api.liveChannels().catch(() => [])
    const channel = channels[Math.floor(deps.random() * channels.length)]
    if (channel === undefined) {
      await pause(3_000, signal)
      continue
    }
    const urls = await api.chatUrls(channel).catch(() => [])
    const url = urls[index % Math.max(urls.length, 1)]
    if (url) await chatUntilClosed(`${url}?channel=${channel}`, user.token, index, deps)
    await pause(2_000, signal)
  }
}

async function chatUntilClosed(
  url: string,
  token: string,
  index: number,
  deps: Parameters<typeof runChatter>[1],
): Promise<void> {
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } })
  socket.on('error', (error) => deps.logger.debug({ err: error }, 'chat socket error'))
  socket.on('open', () => deps.connected.add(index))
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string }
    if (frame.type === 'message') deps.tally().received++
    if (frame.type === 'error') deps.tally().refused++
  })
  const talk = setInterval(
    () => {
      if (socket.readyState !== WebSocket.OPEN) return
      socket.send(JSON.stringify({ type: 'send', text: chatLine(deps.random) }))
      deps.tally().sent++
    },
    deps.everyMs * (0.5 + deps.random()),
  )
  const stop = () => socket.close(1000, 'simulator stopping')
  deps.signal.addEventListener('abort', stop, { once: true })
  await new Promise<void>((resolve) => socket.once('close', () => resolve()))
  clearInterval(talk)
  deps.signal.removeEventListener('abort', stop)
  deps.connected.delete(index)
}
