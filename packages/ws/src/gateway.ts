import { randomUUID } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { type Logger, silentLogger } from '@wired/runtime'
import { Hops } from '@wired/wire'
import { type ServerOptions, WebSocketServer } from 'ws'
import { CLOSE_CODES } from './close-codes'
import { type BinaryCodec, Connection, type GatewayConnection } from './connection'
import { originAllowed, rejectUpgrade, selectProtocol, statusForAuthFailure, tokenOf } from './handshake'
import { startHeartbeat } from './heartbeat'
import { TokenBucket } from './token-bucket'

export interface WsGatewayOptions<P> {
  /** The HTTP server to share (fastify's `app.server`); the gateway listens to its 'upgrade' event. */
  server: Server
  /** Only upgrades to this exact path are handled, e.g. '/ws'. */
  path: string
  /**
   * Verifies the token during the HTTP upgrade, before any socket opens. Resolve the principal;
   * reject with AppError PERMISSION_DENIED → 403, UNAVAILABLE → 503, anything else → 401.
   * A request without a token gets 401 without calling this.
   */
  authenticate(token: string, request: IncomingMessage): Promise<P>
  /** Browser origins allowed to connect, e.g. ['https://chat.example'], or '*'. Requests without Origin are allowed. */
  allowedOrigins: readonly string[] | '*'
  /** Called for each accepted connection; set its handlers synchronously. */
  onConnection(connection: GatewayConnection<P>, request: IncomingMessage): void
  /** Largest accepted frame in bytes; larger → close 1009. Default 64 KiB. */
  maxPayload?: number
  /** Per-connection token bucket; past it → close 1008. Default { messages: 50, perMs: 1000 }. `false` disables. */
  rateLimit?: { messages: number; perMs: number } | false
  /** Each socket is pinged once per heartbeatMs (one shared timer); one that missed the last pong is terminated. Default 30 s. */
  heartbeatMs?: number
  /** Unread outgoing bytes allowed per connection; past it → close 1013. Default 1 MiB. */
  maxBufferedBytes?: number
  /** How long a closing handshake may take before the socket is destroyed. Default 5 s. */
  closeTimeoutMs?: number
  /**
   * Subprotocols whose clients send binary frames, each with the codec that reads them and
   * writes its error frames, e.g. `{ 'prices.protobuf.v1': protobufFrames }`. A connection on
   * any other subprotocol speaks JSON text only (binary frames get an error frame). Default none.
   */
  binaryCodecs?: Readonly<Record<string, BinaryCodec>>
  /** Default silentLogger. */
  logger?: Logger
}

export interface GatewayStats {
  open: number
  accepted: number
  rejected: number
  heartbeatTimeouts: number
  closedByCode: Record<number, number>
}

export interface WsGateway<P> {
  /** Open connections right now: the gauge for metrics and load tests. */
  readonly openConnections: number
  connections(): IterableIterator<GatewayConnection<P>>
  stats(): GatewayStats
  /** Stops accepting, closes every socket with 1001 and resolves once all are gone. Call before app.close(). */
  close(): Promise<void>
}

export function createWsGateway<P>(options: WsGatewayOptions<P>): WsGateway<P> {
  const logger = options.logger ?? silentLogger
  const allowed = options.allowedOrigins === '*' ? '*' : new Set(options.allowedOrigins)
  const limit = options.rateLimit ?? { messages: 50, perMs: 1000 }
  const limits = { maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024, hops: new Hops() }
  const wssOptions: ServerOptions & { closeTimeout: number } = {
    noServer: true,
    maxPayload: options.maxPayload ?? 64 * 1024,
    // Compression costs CPU and ~300 KB of zlib state per connection; JSON chat frames are small.
    perMessageDeflate: false,
    clientTracking: false, // tracked below, once
    handleProtocols: selectProtocol,
    closeTimeout: options.closeTimeoutMs ?? 5_000,
  }
  const wss = new WebSocketServer(wssOptions)
  const open = new Set<Connection<P>>()
  const counters = { accepted: 0, rejected: 0, heartbeatTimeouts: 0, closedByCode: {} as Record<number, number> }
  let closing = false
  let allClosed: (() => void) | undefined

  function reject(socket: Duplex, status: number, code: Parameters<typeof rejectUpgrade>[2], message: string) {
    counters.rejected += 1
    rejectUpgrade(socket, status, code, message)
  }

  async function admit(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (!originAllowed(request.headers.origin, allowed))
      return reject(socket, 403, 'PERMISSION_DENIED', 'origin not allowed')
    const token = tokenOf(request)
    if (token === undefined) return reject(socket, 401, 'UNAUTHENTICATED', 'missing bearer token')
    let principal: P
    try {
      principal = await options.authenticate(token, request)
    } catch (error) {
      const { status, code } = statusForAuthFailure(error)
      logger.info({ err: error, status }, 'websocket upgrade refused')
      return reject(socket, status, code, status === 503 ? 'authentication unavailable' : 'authentication failed')
    }
    if (closing) return reject(socket, 503, 'UNAVAILABLE', 'server shutting down')
    wss.handleUpgrade(request, socket, head, (ws) => {
      socket.off('error', ignoreSocketError)
      const bucket = limit === false ? undefined : new TokenBucket(limit.messages, limit.perMs, Date.now())
      const codec = options.binaryCodecs?.[ws.protocol]
      const connection = new Connection(
        randomUUID(),
        principal,
        ws,
        socket,
        { ...limits, bucket, codec },
        logger,
        onClosed,
      )
      open.add(connection)
      counters.accepted += 1
      options.onConnection(connection, request)
    })
  }

  function onClosed(connection: Connection<P>, code: number): void {
    open.delete(connection)
    counters.closedByCode[code] = (counters.closedByCode[code] ?? 0) + 1
    if (open.size === 0) allClosed?.()
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (new URL(request.url ?? '/', 'http://host').pathname !== options.path) {
      // Another gateway on the same server may own this path; if we are alone, say 404.
      if (options.server.listenerCount('upgrade') === 1) reject(socket, 404, 'NOT_FOUND', 'no websocket endpoint here')
      return
    }
    // A client that hangs up while authenticate() runs must not crash the process.
    socket.on('error', ignoreSocketError)
    admit(request, socket, head).catch((error: unknown) => {
      logger.error({ err: error }, 'websocket upgrade failed')
      socket.destroy()
    })
  }

  const heartbeat = startHeartbeat(open, options.heartbeatMs ?? 30_000, () => {
    counters.heartbeatTimeouts += 1
  })
  options.server.on('upgrade', onUpgrade)

  return {
    get openConnections() {
      return open.size
    },
    connections: () => open.values(),
    stats: () => ({ open: open.size, ...counters, closedByCode: { ...counters.closedByCode } }),
    async close() {
      closing = true
      options.server.off('upgrade', onUpgrade)
      heartbeat.stop()
      if (open.size > 0) {
        const done = new Promise<void>((resolve) => {
          allClosed = resolve
        })
        for (const connection of open) connection.close(CLOSE_CODES.GOING_AWAY, 'server shutting down')
        await done // bounded: ws destroys each socket after closeTimeoutMs at the latest
      }
      wss.close()
    },
  }
}

function ignoreSocketError(): void {}
