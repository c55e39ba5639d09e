import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'
import type { UserJson } from '../payload'
import type { LabServer } from './lab-server'

/**
 * WebSocket with `ws`. Request/reply: the client sends `{"id":n,"user":{...}}` and gets the same
 * shape back; the server parses and re-serialises like the REST server does. WebSocket has no
 * built-in request/response, so the id that correlates them is part of the payload (and of the
 * byte count). Push: every notification goes to every open socket as one text frame.
 */
interface EchoRequest {
  id: number
  user: UserJson
}

export async function startWebSocket(): Promise<LabServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: 64 * 1024 })
  await new Promise<void>((resolve) => wss.once('listening', resolve))
  wss.on('connection', (socket: WebSocket) => {
    socket.on('message', (data) => {
      let request: EchoRequest
      try {
        request = JSON.parse(data.toString()) as EchoRequest
      } catch {
        socket.close(1007, 'not JSON')
        return
      }
      socket.send(JSON.stringify({ id: request.id, user: request.user }))
    })
  })
  return {
    port: (wss.address() as AddressInfo).port,
    async publish(notification) {
      const frame = JSON.stringify(notification)
      for (const client of wss.clients) client.send(frame)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => resolve())
      }),
  }
}
