import http from 'node:http'
import { isNotification } from '../payload'
import type { NotificationHandler, PushClient } from './push-client'

/**
 * An SSE client on Node's http module (Node 20 has no EventSource). It reads the stream the way
 * EventSource does: events end at a blank line, `data:` lines carry the payload, lines that
 * start with ':' are comments. Reconnection and Last-Event-ID are left out: the lab never drops
 * the connection on purpose.
 */
export function subscribeSse(port: number, onNotification: NotificationHandler): Promise<PushClient> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/events', headers: { accept: 'text/event-stream' } })
    request.on('error', reject)
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`GET /events: HTTP ${response.statusCode}`))
        return
      }
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (text: string) => {
        buffer += text
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const event = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = event
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n')
          if (data) {
            const message: unknown = JSON.parse(data)
            if (isNotification(message)) onNotification(message)
          }
          end = buffer.indexOf('\n\n')
        }
      })
      resolve({
        close: async () => {
          request.destroy()
        },
      })
    })
  })
}
