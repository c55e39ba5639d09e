import http from 'node:http'
import type { Notification } from '../payload'
import { getJson } from './http1'
import type { NotificationHandler, PushClient } from './push-client'

/**
 * Long polling: one request always outstanding. Each answer hands over everything newer than
 * the cursor, and the next request leaves at once. A notification published while no request is
 * held waits at the server for the next one: that gap is part of long polling's latency.
 */
const HOLD_MS = 30_000

export interface PollAnswer {
  notifications: Notification[]
  cursor: number
}

export interface PollingClient extends PushClient {
  requests(): number
  emptyResponses(): number
}

export async function subscribeLongPolling(port: number, onNotification: NotificationHandler): Promise<PollingClient> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  let open = true
  let requests = 0
  let empty = 0
  // The first request carries no cursor, meaning "from now on"; answers say where to go on from.
  let cursor: number | undefined
  const loop = async () => {
    while (open) {
      const after = cursor === undefined ? '' : `&after=${cursor}`
      const answer = (await getJson(port, `/notifications?wait=${HOLD_MS}${after}`, agent)) as PollAnswer
      requests += 1
      if (answer.notifications.length === 0) empty += 1
      for (const notification of answer.notifications) onNotification(notification)
      cursor = answer.notifications.at(-1)?.seq ?? answer.cursor
    }
  }
  const running = loop().catch((error: unknown) => {
    if (open) console.error('long polling failed', error)
  })
  return {
    requests: () => requests,
    emptyResponses: () => empty,
    close: async () => {
      open = false
      agent.destroy()
      await running
    },
  }
}
