import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '@wired/runtime'
import { type ClientOptions, WebSocket } from 'ws'
import type { GatewayConnection } from './connection'
import { createWsGateway, type WsGateway, type WsGatewayOptions } from './gateway'

/** Test-only helpers shared by the *.test.ts files in this package (not exported from index). */
export interface User {
  id: string
}

export interface TestGateway {
  url: string
  port: number
  server: Server
  gateway: WsGateway<User>
  connections: GatewayConnection<User>[]
  closeCodes: number[]
  stop(): Promise<void>
}

/** Tokens: 'alice' and 'bob' are valid, 'banned' is forbidden, 'down' means the verifier is down. */
export async function authenticate(token: string): Promise<User> {
  if (token === 'banned') throw new AppError('PERMISSION_DENIED', 'account suspended')
  if (token === 'down') throw new AppError('UNAVAILABLE', 'identity service unavailable')
  if (token === 'alice' || token === 'bob') return { id: token }
  throw new Error('jwt malformed')
}

/** An echo app: replies `{ type: 'echo', ...message }`; `fail` throws an AppError, `crash` a plain Error. */
export async function startGateway(overrides: Partial<WsGatewayOptions<User>> = {}, port = 0): Promise<TestGateway> {
  const server = createServer()
  const connections: GatewayConnection<User>[] = []
  const closeCodes: number[] = []
  const gateway = createWsGateway<User>({
    server,
    path: '/ws',
    authenticate,
    allowedOrigins: ['https://chat.example'],
    onConnection(connection) {
      connections.push(connection)
      connection.onClose((code) => closeCodes.push(code))
      connection.onMessage((message) => {
        if (message.type === 'fail') throw new AppError('NOT_FOUND', 'no such chat', { chatId: 'c9' })
        if (message.type === 'crash') throw new Error('password=hunter2')
        connection.send({ ...message, type: 'echo', from: connection.principal.id })
      })
    },
    ...overrides,
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const actualPort = (server.address() as AddressInfo).port
  return {
    url: `ws://127.0.0.1:${actualPort}/ws`,
    port: actualPort,
    server,
    gateway,
    connections,
    closeCodes,
    async stop() {
      await gateway.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A Node client presenting `Authorization: Bearer <token>`; null sends no token at all. */
export function connect(url: string, token: string | null = 'alice', options: ClientOptions = {}): WebSocket {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` }
  return new WebSocket(url, { ...options, headers: { ...headers, ...options.headers } })
}

export function opened(socket: WebSocket): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
  })
}

/** The HTTP status of a refused upgrade, as the client sees it before any socket opens. */
export function refusal(socket: WebSocket): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => reject(new Error('the socket opened')))
    socket.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
  })
}

export function nextMessage(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))))
}

export function messages(socket: WebSocket, count: number): Promise<Record<string, unknown>[]> {
  return new Promise((resolve) => {
    const received: Record<string, unknown>[] = []
    socket.on('message', function collect(data) {
      received.push(JSON.parse(data.toString()))
      if (received.length === count) {
        socket.off('message', collect)
        resolve(received)
      }
    })
  })
}

export function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))
}
