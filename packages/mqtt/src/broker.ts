import { once } from 'node:events'
import { createServer as createHttpServer, type IncomingMessage } from 'node:http'
import { createServer, type Server } from 'node:net'
import type { Duplex } from 'node:stream'
import { type Logger, silentLogger } from '@wired/runtime'
import { Aedes, type AuthenticateError, type Client } from 'aedes'
import { createWebSocketStream, WebSocketServer } from 'ws'
import { limitPacketSize } from './packet-size-limit'
import type { TopicOwner } from './topics'

/** Who a connected client is: its id, the username it presented, and what authenticate() returned. */
export interface MqttClientInfo extends TopicOwner {
  principal?: unknown
}

export interface MqttBrokerOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** TCP port for mqtt://; 0 picks a free one. */
  port: number
  /** Also accept MQTT over WebSocket (for browsers) on this port; 0 picks a free one. Off by default. */
  wsPort?: number
  /**
   * Checks a device's credentials at CONNECT. Return false to refuse (CONNACK "not authorized"),
   * true or a principal object to accept. Without it, every client is accepted.
   */
  authenticate?(
    clientId: string,
    username: string | undefined,
    password: string | undefined,
  ): Promise<unknown> | unknown
  /** Checked for every PUBLISH and for a last will before it fires. Without it, all allowed. */
  authorizePublish?(client: MqttClientInfo, topic: string): boolean
  /** Checked per topic filter in SUBSCRIBE; a denied filter gets SUBACK 0x80. Without it, all allowed. */
  authorizeSubscribe?(client: MqttClientInfo, topicFilter: string): boolean
  /**
   * Where retained messages, sessions and queued QoS 1/2 messages live (an aedes persistence).
   * Default: a fresh in-memory one. Passing the same instance to a broker started again keeps
   * them across a broker restart within the process.
   */
  persistence?: unknown
  /** Like Mosquitto's max_packet_size: a connection announcing a bigger packet is closed. Default: none. */
  maxPacketSize?: number
  logger?: Logger
}

export interface MqttBroker {
  url: string
  port: number
  wsUrl?: string
  wsPort?: number
  broker: Aedes
  stop(): Promise<void>
}

/**
 * A real MQTT 3.1.1/5 broker (aedes) in this process. aedes's default in-memory persistence
 * already gives retained messages, QoS 1/2 redelivery and persistent sessions (clean=false);
 * they live as long as the process, like Mosquitto with `persistence false`.
 */
export async function createMqttBroker(options: MqttBrokerOptions): Promise<MqttBroker> {
  const { host = '127.0.0.1', logger = silentLogger } = options
  const identities = new WeakMap<Client, MqttClientInfo>()
  const identify = (client: Client): MqttClientInfo => identities.get(client) ?? { clientId: client.id }

  const broker = await Aedes.createBroker({
    ...(options.persistence ? { persistence: options.persistence as never } : {}),
    authenticate: (client, username, password, done) => {
      const check = options.authenticate ?? (() => true)
      Promise.resolve()
        .then(() => check(client.id, username, password?.toString('utf8')))
        .then((verdict) => {
          if (verdict === false || verdict === null || verdict === undefined) return done(null, false)
          identities.set(client, { clientId: client.id, username, principal: verdict === true ? undefined : verdict })
          done(null, true)
        })
        .catch((error: unknown) => {
          // The credential store failed, not the client: CONNACK 3 "server unavailable" lets it retry.
          logger.error({ err: error, clientId: client.id }, 'mqtt authenticate failed')
          done(Object.assign(new Error('server unavailable'), { returnCode: 3 }) as AuthenticateError, false)
        })
    },
    authorizePublish: (client, packet, done) => {
      // client is null for messages the broker publishes itself ($SYS heartbeats).
      if (!client || !options.authorizePublish || options.authorizePublish(identify(client), packet.topic)) {
        return done(null)
      }
      logger.warn({ clientId: client.id, topic: packet.topic }, 'mqtt publish denied')
      // aedes answers an error here by closing the connection (MQTT 3.1.1 has no negative PUBACK).
      done(new Error(`publish to ${packet.topic} denied`))
    },
    authorizeSubscribe: (client, subscription, done) => {
      if (!options.authorizeSubscribe || options.authorizeSubscribe(identify(client), subscription.topic)) {
        return done(null, subscription)
      }
      logger.warn({ clientId: client.id, topic: subscription.topic }, 'mqtt subscribe denied')
      done(null, null) // a null subscription = SUBACK return code 0x80 for this filter only
    },
  })
  broker.on('clientError', (client, error) => logger.debug({ clientId: client.id, err: error }, 'mqtt client error'))

  // Every connection, TCP or WebSocket, enters here; the size limit watches it from its first byte.
  const accept = (stream: Duplex, request?: IncomingMessage) => {
    const { maxPacketSize } = options
    if (maxPacketSize !== undefined)
      limitPacketSize(stream, maxPacketSize, (bytes) =>
        logger.warn({ bytes, maxPacketSize }, 'mqtt packet over max packet size: disconnected'),
      )
    broker.handle(stream, request)
  }
  const tcp = createServer((socket) => accept(socket))
  const port = await listen(tcp, host, options.port)
  const servers: Server[] = [tcp]
  const closers: Array<() => void> = []
  let ws: { wsUrl: string; wsPort: number } | undefined
  if (options.wsPort !== undefined) {
    const http = createHttpServer()
    const sockets = new WebSocketServer({ server: http })
    sockets.on('connection', (socket, request) => accept(createWebSocketStream(socket), request))
    const wsPort = await listen(http, host, options.wsPort)
    servers.push(http)
    closers.push(() => sockets.close())
    ws = { wsPort, wsUrl: `ws://${formatHost(host)}:${wsPort}` }
  }
  const url = `mqtt://${formatHost(host)}:${port}`
  logger.info({ url, wsUrl: ws?.wsUrl }, 'mqtt broker listening')

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      // Closing the broker disconnects every client; the listeners then close with no open sockets.
      await new Promise<void>((resolve) => broker.close(() => resolve()))
      for (const close of closers) close()
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
    })()
    return stopping
  }
  return { url, port, broker, stop, ...ws }
}

async function listen(server: Server, host: string, port: number): Promise<number> {
  server.listen(port, host)
  try {
    await once(server, 'listening') // rejects if 'error' (EADDRINUSE, EACCES) comes first
  } catch (error) {
    throw new Error(`mqtt: cannot listen on ${formatHost(host)}:${port}: ${(error as Error).message}`)
  }
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('mqtt: listener has no TCP address')
  return address.port
}

function formatHost(host: string) {
  return host.includes(':') ? `[${host}]` : host
}
