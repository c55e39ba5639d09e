import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { AppError, silentLogger } from '@wired/runtime'
import { ChannelRouter, createWsGateway, type GatewayConnection } from '@wired/ws'
import { chatRedisKeys } from '../shared/chat-redis-keys'
import { isChannelName } from '../shared/stream-key'
import { ensureTopics, twitchTopics } from '../shared/topics'
import { userTokens } from '../shared/user-token'
import { ChannelUserSockets } from './adapters/channel-user-sockets'
import { ChatEventsPublisher } from './adapters/chat-events.publisher'
import { ChatRules } from './adapters/chat-rules.store'
import { ViewerPresence } from './adapters/viewer-presence'
import type { ChatConfig } from './config'
import { type ChatPrincipal, chatSocket } from './entrypoints/chat.gateway'
import { CLOSE_BANNED } from './entrypoints/chat-frames'

/** What a browser without a name offers as its token: a read-only viewer. */
const ANONYMOUS = 'anonymous'

/** One chat server (chat-a or chat-b): WebSocket at /chat, Redis pub/sub to the other one, Kafka for analytics. */
export function createService(config: ChatConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const subscriber = redis.duplicate()
    shutdown.defer(() => subscriber.quit())
    const eventLog = await openEventLog(deps, shutdown, {
      brokers: config.kafkaBrokers,
      clientId: `twitch-${config.serverId}`,
    })
    const topics = twitchTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const keys = chatRedisKeys(config.redisKeyPrefix)
    const tokens = userTokens(config.sharedSecret)
    const rules = new ChatRules(redis, keys, {
      messages: config.userMessagesPerWindow,
      windowSeconds: config.userWindowSeconds,
    })

    // One Redis channel per chat channel: each server SUBSCRIBEs only to channels it has viewers
    // for, so Redis sends a server only what it can deliver (one shared channel would send every
    // server every channel's chat). The bans go on one shared control channel: they are rare.
    const router = new ChannelRouter<GatewayConnection<ChatPrincipal>>(subscriber, keys.room)
    const bySocketUser = new ChannelUserSockets()
    subscriber.on('message', (redisChannel, payload) => {
      if (redisChannel !== keys.control) return
      const { channel, user } = JSON.parse(payload) as { channel: string; user: string }
      bySocketUser.close(channel, user, CLOSE_BANNED, 'banned from this channel')
    })
    await subscriber.subscribe(keys.control)

    const server = createServer((request, response) => {
      const healthy = request.url === '/healthz'
      response.writeHead(healthy ? 200 : 404, { 'content-type': 'text/plain' }).end(healthy ? 'ok' : 'not found')
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.httpPort, config.bindHost, resolve)
    })
    shutdown.defer(() => new Promise((resolve) => server.close(resolve)))
    const { port } = server.address() as AddressInfo

    const presence = new ViewerPresence(redis, keys, config.serverId)
    const gateway = createWsGateway<ChatPrincipal>({
      server,
      path: '/chat',
      // Checked in the HTTP upgrade: a forged token gets 401, a banned user 403, and no socket opens.
      authenticate: async (token, request) => {
        const requested = new URL(request.url ?? '/', 'http://chat').searchParams.get('channel')
        const channel = requested !== null && isChannelName(requested) ? requested : null
        const user = token === ANONYMOUS ? null : tokens.verify(token).name
        if (channel !== null && user !== null && (await rules.isBanned(channel, user)))
          throw new AppError('PERMISSION_DENIED', `banned from #${channel}`)
        return { user, channel }
      },
      allowedOrigins: config.allowedOrigins,
      // 16 KiB: a 10 kB paste gets a clear PAYLOAD_TOO_LARGE error frame and the socket stays up;
      // past 16 KiB the ws library closes with 1009 before reading it.
      maxPayload: 16 * 1024,
      // Twice the sustained rate over two seconds, so a paced client bunched by the network is not closed.
      rateLimit: { messages: config.framesPerSecond * 2, perMs: 2_000 },
      heartbeatMs: config.heartbeatMs,
      logger,
      onConnection: chatSocket({
        serverId: config.serverId,
        redis,
        keys,
        rules,
        presence,
        events: new ChatEventsPublisher(eventLog, topics, config.serverId),
        attach: (channel, connection) => router.attach(channel, connection),
        detach: (channel, connection) => router.detach(channel, connection),
        bySocketUser,
        limits: {
          messagesPerWindow: config.userMessagesPerWindow,
          windowSeconds: config.userWindowSeconds,
          framesPerSecond: config.framesPerSecond,
        },
        logger,
      }),
    })
    shutdown.defer(() => gateway.close())

    const refresh = setInterval(
      () => {
        presence.refresh().catch((error: unknown) => logger.warn({ err: error }, 'presence refresh failed'))
      },
      Math.min(config.heartbeatMs, 15_000),
    )
    refresh.unref()
    shutdown.defer(() => clearInterval(refresh))
    return { http: `http://${config.bindHost}:${port}`, ws: `ws://${config.bindHost}:${port}/chat` }
  }, logger)
}
