import WebSocket from 'ws'
import { isNotification, type UserJson, userFromJson, userToJson } from '../payload'
import type { NotificationHandler, PushClient } from './push-client'
import type { RequestClientFactory } from './request-client'

/** `ws` client. Request/reply correlates answers by the id the client put in each request. */
async function open(port: number): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}`)
  await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject))
  return socket
}

function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve()
  return new Promise((resolve) => {
    socket.once('close', () => resolve())
    socket.close(1000)
  })
}

export const websocketClient: RequestClientFactory = async (port) => {
  const socket = await open(port)
  const pending = new Map<number, { resolve: (user: UserJson) => void; reject: (error: Error) => void }>()
  let nextId = 0
  socket.on('message', (data) => {
    const reply = JSON.parse(data.toString()) as { id: number; user: UserJson }
    pending.get(reply.id)?.resolve(reply.user)
    pending.delete(reply.id)
  })
  socket.on('close', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`WebSocket closed (${code}) with calls in flight`))
    pending.clear()
  })
  return {
    call: (user) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve: (echoed) => resolve(userFromJson(echoed)), reject })
        socket.send(JSON.stringify({ id, user: userToJson(user) }))
      }),
    close: () => closeSocket(socket),
  }
}

export async function subscribeWebSocket(port: number, onNotification: NotificationHandler): Promise<PushClient> {
  const socket = await open(port)
  socket.on('message', (data) => {
    const message: unknown = JSON.parse(data.toString())
    if (isNotification(message)) onNotification(message)
  })
  return { close: () => closeSocket(socket) }
}
