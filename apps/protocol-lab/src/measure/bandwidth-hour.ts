import http from 'node:http'
import { getJson } from '../clients/http1'
import { type PollAnswer, type PollingClient, subscribeLongPolling } from '../clients/long-polling'
import type { NotificationHandler, PushClient } from '../clients/push-client'
import { subscribeSse } from '../clients/sse'
import { subscribeWebSocket } from '../clients/websocket'
import type { ServerKind } from '../servers'
import { startCountingProxy } from './byte-counter'
import { sleep, until } from './clock'
import { waitUntilLive } from './push'
import { startServerProcess } from './server-process'

/**
 * The guide's polling example, run for one simulated hour: 10 notifications a minute, and a
 * client that either polls every 5 s or holds one connection open. Time is compressed (the
 * schedule runs `compression` times faster) but every byte is real, counted on the socket.
 * Compression keeps the HTTP/1.1 connection alive between polls; at real 5 s spacing a server
 * with a short keep-alive timeout would make each poll open a new connection, costing more.
 */
export const SIMULATED_HOUR_S = 3600
export const POLL_EVERY_S = 5
export const UPDATES_PER_MINUTE = 10

export interface BandwidthResult {
  id: 'polling' | 'long-polling' | 'sse' | 'websocket'
  label: string
  bytesToServer: number
  bytesToClient: number
  requests: number
  emptyResponses: number
  notificationsSent: number
  notificationsReceived: number
}

interface Mode {
  id: BandwidthResult['id']
  label: string
  server: ServerKind
  /** Opens the client; returns it plus its request counters (zero for single-connection modes). */
  open(port: number, pollEveryMs: number, onNotification: NotificationHandler): Promise<Counted>
}

type Counted = PollingClient

/** SSE and WebSocket make one request (the GET or the upgrade) for the whole hour. */
const single = (client: PushClient): Counted => ({ ...client, requests: () => 1, emptyResponses: () => 0 })

/** Short polling: GET every `pollEveryMs` (wait=0, so the answer is immediate, often empty). */
async function openPolling(port: number, pollEveryMs: number, onNotification: NotificationHandler): Promise<Counted> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  let open = true
  let requests = 0
  let empty = 0
  let cursor: number | undefined
  const loop = async () => {
    const start = performance.now()
    while (open) {
      const after = cursor === undefined ? '' : `&after=${cursor}`
      const answer = (await getJson(port, `/notifications?wait=0${after}`, agent)) as PollAnswer
      requests += 1
      if (answer.notifications.length === 0) empty += 1
      for (const notification of answer.notifications) onNotification(notification)
      cursor = answer.notifications.at(-1)?.seq ?? answer.cursor
      const next = start + requests * pollEveryMs - performance.now()
      if (next > 0) await sleep(next)
    }
  }
  const running = loop()
  return {
    requests: () => requests,
    emptyResponses: () => empty,
    close: async () => {
      open = false
      await running
      agent.destroy()
    },
  }
}

export const bandwidthModes: Mode[] = [
  { id: 'polling', label: 'Polling every 5 s', server: 'polling', open: openPolling },
  {
    id: 'long-polling',
    label: 'Long polling',
    server: 'polling',
    open: (port, _every, handler) => subscribeLongPolling(port, handler),
  },
  {
    id: 'sse',
    label: 'SSE',
    server: 'sse',
    open: async (port, _every, handler) => single(await subscribeSse(port, handler)),
  },
  {
    id: 'websocket',
    label: 'WebSocket',
    server: 'websocket',
    open: async (port, _every, handler) => single(await subscribeWebSocket(port, handler)),
  },
]

export async function measureBandwidthHour(mode: Mode, compression: number): Promise<BandwidthResult> {
  const server = await startServerProcess(mode.server)
  const proxy = await startCountingProxy(server.port)
  const received = new Set<number>()
  try {
    const pollEveryMs = (POLL_EVERY_S * 1000) / compression
    const updateEveryMs = 60_000 / UPDATES_PER_MINUTE / compression
    const updates = (SIMULATED_HOUR_S / 60) * UPDATES_PER_MINUTE
    const client = await mode.open(proxy.port, pollEveryMs, (notification) => received.add(notification.seq))
    try {
      // Every client sees only what is published once the server knows it: probe first (the
      // probes' few bytes are counted, like the connection setup).
      await waitUntilLive(
        mode.label,
        () => server.push({ count: 1, intervalMs: 0 }),
        (seq) => received.has(seq),
      )
      const hourMs = (SIMULATED_HOUR_S * 1000) / compression
      const started = performance.now()
      // Requests are counted inside the hour; bytes include connection setup and the probe.
      const requestsBefore = client.requests()
      const emptyBefore = client.emptyResponses()
      const { firstSeq, lastSeq } = await server.push({ count: updates, intervalMs: updateEveryMs })
      // Updates land inside the hour; the client keeps polling to the end of it.
      await sleep(Math.max(0, hourMs - (performance.now() - started)))
      const inHour = () => [...received].filter((seq) => seq >= firstSeq && seq <= lastSeq).length
      await until(() => inHour() === updates, 2_000)
      const bytes = proxy.count()
      return {
        id: mode.id,
        label: mode.label,
        bytesToServer: bytes.toServer,
        bytesToClient: bytes.toClient,
        requests: client.requests() - requestsBefore,
        emptyResponses: client.emptyResponses() - emptyBefore,
        notificationsSent: updates,
        notificationsReceived: inHour(),
      }
    } finally {
      await client.close()
    }
  } finally {
    await proxy.close()
    await server.stop()
  }
}
